package org.fpt.bench;

import java.util.Arrays;
import java.util.Locale;

/** Times repeated steps of a session and reports them against the FLOP count and the CPU's peak. */
final class StepTimer {
    private StepTimer() {
    }

    /** Median, mean and min of {@code steps} timed runs after {@code warmup} untimed ones, in ms. */
    record Timing(double medianMs, double meanMs, double minMs, double cpuMsPerStep) {
    }

    static Timing time(BenchSession session, int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            session.run();
        }
        double[] ms = new double[steps];
        double cpuStart = ProcStatus.cpuSeconds();
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            session.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double cpuMs = (ProcStatus.cpuSeconds() - cpuStart) * 1e3 / steps;
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        return new Timing(median, Arrays.stream(ms).average().orElseThrow(), sorted[0], cpuMs);
    }

    /** The human report and, last, one {@code RESULT key=value ...} line for scripts. */
    static String report(BenchSession session, Timing timing, double peakGflops, String peakSource) {
        BenchShape s = session.shape();
        double flops = session.mode().flops(s);
        double gflops = flops / (timing.medianMs() / 1e3) / 1e9;
        double tokensPerS = s.tokensPerStep() / (timing.medianMs() / 1e3);
        var c = s.body();
        StringBuilder out = new StringBuilder();
        out.append(f("shape %s: %d layers, d=%d, %d heads; B=%d, T=%d, input dim %d, %d classes%n",
                s.name(), c.nLayer(), c.nEmbd(), c.nHead(), s.batch(), s.tokens(), s.inputDim(), s.classes()));
        out.append(f("mode %s on backend %s (%s); trainable %,d of %,d parameters%n",
                session.mode().label(), session.backendName(), session.engine(), session.trainableParams(), session.totalParams()));
        out.append(f("precision %s (%s)%n", session.precision().label(), session.precision().reason()));
        out.append(f("step: median %.1f ms, mean %.1f ms, min %.1f ms; %d steps computed twice (a garbage collection ran while their gradients were computed)%n",
                timing.medianMs(), timing.meanMs(), timing.minMs(), session.recomputedSteps()));
        out.append(f("process CPU time: %.1f ms per step (all threads; much less than threads x wall time = a busy machine)%n",
                timing.cpuMsPerStep()));
        out.append(f("load average: %s%n", loadAverage()));
        out.append(f("tokens/s: %.0f%n", tokensPerS));
        out.append(f("achieved: %.1f GFLOP/s (%.1f GFLOP per step, matrix products only)%n", gflops, flops / 1e9));
        out.append(f("peak: %.0f GFLOP/s (%s) -> %.1f%% of peak%n", peakGflops, peakSource, 100 * gflops / peakGflops));
        out.append(f("memory: VmRSS %d MiB, VmHWM %d MiB; %d MiB resident once the model was built, before any step%n",
                ProcStatus.rssKb() / 1024, ProcStatus.peakRssKb() / 1024, session.builtRssKb() / 1024));
        out.append(f("RESULT shape=%s mode=%s backend=%s precision=%s median_ms=%.2f min_ms=%.2f cpu_ms=%.1f tokens_per_s=%.0f gflops=%.2f pct_peak=%.2f hwm_kb=%d rss_kb=%d built_rss_kb=%d recomputed=%d",
                s.name(), session.mode().label(), session.backendName(), session.precision().label(), timing.medianMs(), timing.minMs(), timing.cpuMsPerStep(), tokensPerS, gflops,
                100 * gflops / peakGflops, ProcStatus.peakRssKb(), ProcStatus.rssKb(), session.builtRssKb(), session.recomputedSteps()));
        return out.toString();
    }

    private static String loadAverage() {
        try {
            String[] load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
