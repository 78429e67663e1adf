package org.fpt.spi;

import java.util.List;
import java.util.OptionalInt;

/**
 * A parameter's dotted path split into segments ({@code body.h.0.attn.c_attn.weight}), with the role the
 * owning architecture gives it and its layer index. Policies match whole segments or roles, never
 * substrings, so a name such as {@code ln_f} or {@code LayerNorm} cannot be mistaken.
 */
public record ParameterPath(List<String> segments, Role role, OptionalInt layer) {
    public ParameterPath {
        segments = List.copyOf(segments);
    }

    public static ParameterPath parse(String dotted, Role role, OptionalInt layer) {
        return new ParameterPath(List.of(dotted.split("\\.")), role, layer);
    }

    public String dotted() {
        return String.join(".", segments);
    }

    public boolean hasSegment(String segment) {
        return segments.contains(segment);
    }

    public String leaf() {
        return segments.get(segments.size() - 1);
    }

    public boolean isBias() {
        return leaf().equals("bias") || leaf().equals("beta");
    }

    @Override
    public String toString() {
        return dotted() + " (" + role + ")";
    }

    /** What a parameter does; the architecture that owns it decides. */
    public enum Role { INPUT, OUTPUT, POSITION, TOKEN_EMBEDDING, LAYER_NORM, ATTENTION, FEED_FORWARD, OTHER }
}
