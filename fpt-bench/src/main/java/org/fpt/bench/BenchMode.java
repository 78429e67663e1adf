package org.fpt.bench;

import java.util.Locale;

/** What one benchmark step does: a training step under a freezing policy, or a forward pass only. */
public enum BenchMode {
    /** The paper's frozen step: attention and feed-forward frozen (policy {@code fpt}). */
    FPT("fpt"),
    /** Every parameter trains (policy {@code full}). */
    FULL("full"),
    /** Forward pass without gradients. */
    INFERENCE("fpt");

    private final String policy;

    BenchMode(String policy) {
        this.policy = policy;
    }

    /** The freezing policy the trainer is built with (inference trains nothing, so any would do). */
    String policy() {
        return policy;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BenchMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown mode '" + text + "'. Available: fpt, full, inference");
        }
    }

    double flops(BenchShape shape) {
        return switch (this) {
            case FPT -> StepFlops.trainStep(shape, true);
            case FULL -> StepFlops.trainStep(shape, false);
            case INFERENCE -> StepFlops.inference(shape);
        };
    }
}
