package org.fpt.train;

import java.util.Random;

/**
 * Per-step randomness derived from {@code (seed, step)} alone, so no generator state has to be saved: a run
 * resumed at step k draws exactly the batches and dropout masks the uninterrupted run drew.
 */
final class StepSeeds {
    private StepSeeds() {
    }

    /** The generator the task draws step {@code step}'s training batch with. */
    static Random data(long seed, int step) {
        return new Random(mix(seed, step, 0x9E3779B97F4A7C15L));
    }

    /** The engine seed (dropout masks) for step {@code step}. */
    static int dropout(long seed, int step) {
        return (int) (mix(seed, step, 0xD1B54A32D192ED03L) & 0x7fffffff);
    }

    /** SplitMix64's finaliser over seed and step: nearby inputs give unrelated outputs. */
    private static long mix(long seed, int step, long stream) {
        long z = seed * 0xBF58476D1CE4E5B9L + step * stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
