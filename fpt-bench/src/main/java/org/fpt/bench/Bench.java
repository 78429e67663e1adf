package org.fpt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fpt.train.Precision;

/**
 * The plain benchmark runner (no JMH): {@code step} times one mode, {@code frozen-vs-full} runs the frozen
 * step, the full step and inference each in its own JVM (so their peak RSS are separate) and prints the
 * ratios, {@code soak} trains many steps printing the RSS, {@code peak} prints how the CPU's peak is computed.
 * See fpt-bench/README.md for the commands.
 */
public final class Bench {
    private static final String USAGE = """
            usage: Bench step [--shape gpt2-small|small] [--mode fpt|full|inference] [--backend cpu|pytorch] [--precision fp32|bf16|auto] [--warmup 3] [--steps 10] [--peak GFLOPS]
                   Bench frozen-vs-full [--shape ...] [--backend cpu] [--warmup 3] [--steps 10] [--peak GFLOPS]
                   Bench soak [--shape small] [--mode fpt] [--backend cpu] [--steps 10000] [--every 1000]
                   Bench profile [--shape gpt2-small] [--mode fpt] [--backend cpu|pytorch] [--warmup 2] [--steps 3]   (the engine's per-operator table)
                   Bench gemm [--backend cpu|pytorch] [--precision fp32|bf16] [--rows 512] [--in 768] [--out 3072] [--steps 20]   (one frozen Dense)
                   Bench peak""";
    private static final Set<String> OPTIONS = Set.of("shape", "mode", "backend", "precision", "warmup", "steps", "peak", "every", "rows", "in", "out");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(USAGE);
            return;
        }
        try {
            Args options = new Args(args, 1, OPTIONS);
            switch (args[0]) {
                case "step" -> step(options);
                case "frozen-vs-full" -> frozenVsFull(options, args);
                case "soak" -> soak(options);
                case "profile" -> profile(options);
                case "peak" -> System.out.println(CpuPeak.detect().formula());
                case "gemm" -> System.out.println(DenseGemm.run(options.get("backend", "cpu"), Precision.parse(options.get("precision", "fp32")),
                        options.getInt("rows", 512), options.getInt("in", 768), options.getInt("out", 3072), options.getInt("steps", 20)));
                default -> throw new IllegalArgumentException("Unknown command '" + args[0] + "'.\n" + USAGE);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void step(Args options) {
        BenchShape shape = BenchShape.named(options.get("shape", "gpt2-small"));
        BenchMode mode = BenchMode.parse(options.get("mode", "fpt"));
        Double measuredPeak = options.getDouble("peak");
        CpuPeak detected = CpuPeak.detect();
        double peak = measuredPeak != null ? measuredPeak : detected.gflops();
        String peakSource = measuredPeak != null ? "given by --peak, e.g. measured by peak.sh" : detected.formula();
        try (BenchSession session = session(options, shape, mode)) {
            StepTimer.Timing timing = StepTimer.time(session, options.getInt("warmup", 3), options.getInt("steps", 10));
            System.out.println(StepTimer.report(session, timing, peak, peakSource));
        }
    }

    private static BenchSession session(Args options, BenchShape shape, BenchMode mode) {
        return new BenchSession(shape, mode, options.get("backend", "cpu"), Precision.parse(options.get("precision", "fp32")));
    }

    /** Training steps on a fixed batch, printing the RSS every {@code every} steps; memory must stay flat. */
    private static void soak(Args options) {
        BenchShape shape = BenchShape.named(options.get("shape", "small"));
        BenchMode mode = BenchMode.parse(options.get("mode", "fpt"));
        int steps = options.getInt("steps", 10000);
        int every = options.getInt("every", 1000);
        try (BenchSession session = session(options, shape, mode)) {
            long first = -1;
            long start = System.nanoTime();
            for (int step = 1; step <= steps; step++) {
                float loss = session.run();
                if (step % every == 0 || step == steps) {
                    long rss = ProcStatus.rssKb();
                    first = first < 0 ? rss : first;
                    System.out.printf(Locale.ROOT, "step %d: loss %.4f, VmRSS %d MiB (%+d MiB since step %d), VmHWM %d MiB, %.1f ms/step%n",
                            step, loss, rss / 1024, (rss - first) / 1024, Math.min(every, steps), ProcStatus.peakRssKb() / 1024,
                            (System.nanoTime() - start) / 1e6 / step);
                }
            }
        }
    }

    /** The engine's own per-operator profile of a few steps (MXNet's aggregate table, libtorch's autograd profiler). */
    private static void profile(Args options) throws java.io.IOException {
        BenchShape shape = BenchShape.named(options.get("shape", "gpt2-small"));
        BenchMode mode = BenchMode.parse(options.get("mode", "fpt"));
        int steps = options.getInt("steps", 3);
        try (BenchSession session = session(options, shape, mode)) {
            StepTimer.time(session, options.getInt("warmup", 2), 1);
            StepTimer.Timing timing;
            String table;
            if (session.engine().startsWith("PyTorch")) {
                TorchProfile profile = new TorchProfile(java.nio.file.Files.createTempFile("torch-profile", ".json"));
                int recomputedBefore = session.recomputedSteps();
                profile.start();
                timing = StepTimer.time(session, 0, steps);
                // A step computed twice (a collection during it) would otherwise count double: per computation.
                int computed = steps + session.recomputedSteps() - recomputedBefore;
                table = profile.stop(computed);
                if (computed != steps) {
                    table += String.format(Locale.ROOT, "(%d of the %d profiled steps were computed twice: figures are per computation)%n",
                            computed - steps, steps);
                }
            } else {
                MxProfile profile = new MxProfile();
                profile.start("target/mxnet-profile.json");
                timing = StepTimer.time(session, 0, steps);
                table = profile.stop();
            }
            System.out.println(table);
            System.out.printf(Locale.ROOT, "%s %s on %s (%s): %d profiled steps, median %.1f ms (profiling adds overhead)%n",
                    shape.name(), mode.label(), session.backendName(), session.engine(), steps, timing.medianMs());
        }
    }

    /** Runs each mode in a fresh JVM and prints the ratios against the targets. */
    private static void frozenVsFull(Args options, String[] args) throws IOException, InterruptedException {
        Map<BenchMode, Map<String, String>> results = new HashMap<>();
        for (BenchMode mode : BenchMode.values()) {
            List<String> child = new ArrayList<>(List.of("step", "--mode", mode.label()));
            for (int i = 1; i < args.length; i += 2) {
                child.add(args[i]);
                child.add(args[i + 1]);
            }
            results.put(mode, runChild(child));
        }
        double frozen = Double.parseDouble(results.get(BenchMode.FPT).get("median_ms"));
        double full = Double.parseDouble(results.get(BenchMode.FULL).get("median_ms"));
        double frozenHwm = Double.parseDouble(results.get(BenchMode.FPT).get("hwm_kb"));
        double inferenceHwm = Double.parseDouble(results.get(BenchMode.INFERENCE).get("hwm_kb"));
        System.out.printf(Locale.ROOT, "%nfrozen step / full step: %.1f ms / %.1f ms = %.2f (target <= 0.67)%n", frozen, full, frozen / full);
        System.out.printf(Locale.ROOT, "frozen training peak RSS / inference peak RSS: %.0f MiB / %.0f MiB = %.2f (target <= 1.3)%n",
                frozenHwm / 1024, inferenceHwm / 1024, frozenHwm / inferenceHwm);
    }

    /** Runs {@code Bench <args>} in a new JVM with this one's classpath and options; returns its RESULT fields. */
    private static Map<String, String> runChild(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println(line);
                if (line.startsWith("RESULT ")) {
                    for (String field : line.substring(7).split(" ")) {
                        result.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
                    }
                }
            }
        }
        if (process.waitFor() != 0 || result.isEmpty()) {
            throw new IllegalStateException("Child run '" + String.join(" ", args) + "' failed (exit " + process.exitValue() + ")");
        }
        return result;
    }
}
