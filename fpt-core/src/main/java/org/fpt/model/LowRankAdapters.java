package org.fpt.model;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Finds the {@link Dense} layers of a block tree by path, to add LoRA adapters to some or merge them all. */
public final class LowRankAdapters {
    /** The attention projections of HF encoders (BERT, ViT): everything under {@code encoder.layer.N.attention}. */
    public static final Predicate<List<String>> ENCODER_ATTENTION =
            segments -> segments.size() > 4 && segments.get(0).equals("encoder") && segments.get(3).equals("attention");

    private LowRankAdapters() {
    }

    /**
     * Adds an adapter to every {@link Dense} whose path segments satisfy {@code where} (e.g. contain
     * {@code attn}); returns how many. Finding none is an error: the policy would silently train nothing new.
     */
    public static int add(Block root, Predicate<List<String>> where, int rank, float alpha) {
        int added = 0;
        for (Map.Entry<String, Block> e : ParameterPaths.blocks(root).entrySet()) {
            if (e.getValue() instanceof Dense dense && where.test(List.of(e.getKey().split("\\.")))) {
                dense.addLowRankAdapter(rank, alpha);
                added++;
            }
        }
        if (added == 0) {
            throw new IllegalArgumentException("No attention projection found to add low-rank adapters to");
        }
        return added;
    }

    /** Folds every adapter of the tree into its frozen weight, for inference or export. */
    public static void merge(Block root) {
        ParameterPaths.blocks(root).values().forEach(block -> {
            if (block instanceof Dense dense) {
                dense.mergeLowRankAdapter();
            }
        });
    }
}
