package org.fpt.train;

import java.util.Arrays;

/** Wall-clock timing of a repeated action: for the backend calibration and the benchmarks. */
public final class Timings {
    private Timings() {
    }

    /** Best and median milliseconds of {@code timed} runs of {@code action} after {@code warmup} untimed ones. */
    public static double[] bestAndMedianMs(int warmup, int timed, Runnable action) {
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            action.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[0], ms[timed / 2]};
    }
}
