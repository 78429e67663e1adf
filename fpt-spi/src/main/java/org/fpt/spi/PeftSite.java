package org.fpt.spi;

import java.util.List;
import java.util.OptionalInt;

/**
 * A place in a body where a {@link PeftMethod} may insert a block: one linear projection
 * {@code y = x W^T + b} with {@code W [outFeatures, inFeatures]}, as the host finds it in the body's block tree.
 * {@code path} is the projection's dotted path in the body ({@code h.0.attn.c_attn},
 * {@code encoder.layer.0.attention.self.key}); {@code role} and {@code layer} are what the body says of its
 * weight ({@code <path>.weight}), so a method can target sites by role, by layer, by path or by what they compute.
 *
 * <p>{@code projections} says what the output computes, in output order: one entry for a plain projection,
 * several for a fused one whose output is those parts side by side, each {@code outFeatures / n} wide (GPT-2's
 * {@code c_attn} is {@code [QUERY, KEY, VALUE]}).
 */
public record PeftSite(String path, ParameterPath.Role role, OptionalInt layer, int inFeatures, int outFeatures,
                       List<Projection> projections) {
    public PeftSite {
        projections = List.copyOf(projections);
        if (projections.isEmpty() || outFeatures % projections.size() != 0) {
            throw new IllegalArgumentException("Site " + path + ": " + outFeatures + " output features do not split into "
                    + projections);
        }
    }

    /** Whether one of the output's parts is {@code projection}. */
    public boolean computes(Projection projection) {
        return projections.contains(projection);
    }

    /** The width of each part of the output. */
    public int partWidth() {
        return outFeatures / projections.size();
    }

    /** The path's segments, for matching by whole segment ({@code attn}, {@code query}), never by substring. */
    public List<String> segments() {
        return List.of(path.split("\\."));
    }

    /** What a projection computes, named after the transformer's parts. */
    public enum Projection {
        QUERY, KEY, VALUE,
        /** The attention's output projection (GPT-2 {@code attn.c_proj}, BERT/ViT {@code attention.output.dense}). */
        ATTENTION_OUTPUT,
        /** The feed-forward's first projection, whose output goes through the activation ({@code c_fc}, {@code intermediate.dense}). */
        FEED_FORWARD_UP,
        /** The feed-forward's second projection, whose input is the activation ({@code mlp.c_proj}, {@code output.dense}). */
        FEED_FORWARD_DOWN,
        OTHER
    }
}
