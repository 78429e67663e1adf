package org.fpt.train;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.hardware.CpuInfo;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;

/**
 * Picks the backend for a run that names none: a GPU backend when one is available (by priority), else the
 * fastest CPU backend on this machine. Which CPU backend is fastest depends on the CPU (libtorch's MKL leads on
 * Intel, MXNet's oneDNN on AMD; with bfloat16 it depends on AMX), so it is measured: each available CPU
 * backend times a few frozen steps of {@link #WORKLOAD} in the run's precision, and the result is cached per
 * CPU model, flags, cores, backend versions and precision ({@link BackendTimings}). The first run on a
 * machine pays a few seconds; the rest read the file.
 */
public final class FastestBackend {
    /** Two GPT-2-small layers (d=768, 12 heads), B=8, T=64: the per-layer work of the benchmarks' gpt2-small step. */
    static final String WORKLOAD = "frozen (fpt) training step, 2 GPT-2-small layers, B=8, T=64";
    private static final Gpt2Config BODY = Gpt2Config.of("calibration", 2, 12, 768);
    private static final SyntheticRun.Shape SHAPE = new SyntheticRun.Shape(8, 64, 48, 10);
    private static final int WARMUP = 2;
    private static final int TIMED = 3;

    private final Plugins plugins;
    private final BackendTimings timings;
    private final Gpt2Config body;

    public FastestBackend(Plugins plugins, BackendTimings timings) {
        this(plugins, timings, BODY);
    }

    /** With another calibration body (tests use a tiny one). */
    public FastestBackend(Plugins plugins, BackendTimings timings, Gpt2Config body) {
        this.plugins = plugins;
        this.timings = timings;
        this.body = body;
    }

    /** Which calibration {@link #decide} may use. */
    private enum Measure { CACHED_ONLY, IF_MISSING, NOW }

    public BackendChoice choose(Precision precision) {
        return decide(precision, Measure.IF_MISSING).orElseThrow();
    }

    /** The choice {@link #choose} would make, without calibrating: empty when this machine has not been measured yet. */
    public Optional<BackendChoice> chosenWithoutCalibrating(Precision precision) {
        return decide(precision, Measure.CACHED_ONLY);
    }

    /** Measures again (the machine or its load changed) and replaces the cached calibration. */
    public BackendChoice recalibrate(Precision precision) {
        return decide(precision, Measure.NOW).orElseThrow();
    }

    public BackendTimings timings() {
        return timings;
    }

    private Optional<BackendChoice> decide(Precision precision, Measure measure) {
        List<Backend> available = plugins.backends().all().stream().filter(b -> b.availability().available()).toList();
        if (available.isEmpty()) {
            throw new PluginException("No backend is available here: " + plugins.backends().all().stream()
                    .map(b -> b.name() + " (" + b.availability().reason() + ")").collect(Collectors.joining(", ")));
        }
        Optional<Backend> gpu = available.stream().filter(b -> !b.device().equals(ai.djl.Device.cpu()))
                .max(Comparator.comparingInt(Backend::priority));
        if (gpu.isPresent()) {
            return Optional.of(new BackendChoice(gpu.get(), "a GPU backend is available (" + gpu.get().availability().reason() + ")"));
        }
        if (available.size() == 1) {
            return Optional.of(new BackendChoice(available.get(0), "the only backend available here"));
        }
        // auto without native bfloat16 runs fp32 on every CPU backend: time fp32, and share its cached calibration
        Precision timed = precision == Precision.AUTO && !CpuInfo.local().nativeBfloat16().available() ? Precision.FP32 : precision;
        String key = key(CpuInfo.local(), available, timed);
        Optional<BackendTimings.Calibration> cached = measure == Measure.NOW ? Optional.empty() : timings.get(key);
        if (cached.isEmpty() && measure == Measure.CACHED_ONLY) {
            return Optional.empty();
        }
        BackendTimings.Calibration calibration = cached.orElseGet(() -> calibrate(available, timed));
        if (calibration.msPerStep().isEmpty()) { // not cached: whatever stopped every backend (an engine that cannot load) may pass
            Backend byPriority = plugins.bestBackend();
            return Optional.of(new BackendChoice(byPriority, "no backend could run the calibration (" + calibration.failed()
                    + "), so the default by priority"));
        }
        // fp32 runs on every backend: a failure there is the moment's (memory, a library that cannot load), not the machine's
        if (cached.isEmpty() && (calibration.failed().isEmpty() || timed != Precision.FP32)) {
            timings.put(key, calibration);
        }
        Map.Entry<String, Double> fastest = calibration.msPerStep().entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        Backend chosen = available.stream().filter(b -> b.name().equals(fastest.getKey())).findFirst().orElseThrow();
        return Optional.of(new BackendChoice(chosen, String.format(Locale.ROOT, "fastest here, %s %s (%s; %s in %s)",
                timed.label(), times(calibration), calibration.workload(),
                cached.isPresent() ? "calibrated " + calibration.measured() : "calibrated now", timings.file())));
    }

    /** The cache key: what decides the ranking. An engine upgrade changes a backend's description, so it recalibrates. */
    static String key(CpuInfo cpu, List<Backend> backends, Precision precision) {
        return String.join(" | ", cpu.summary(), CpuInfo.nativeThreads(System.getenv("OMP_NUM_THREADS")) + " threads", precision.label(),
                backends.stream().map(b -> b.name() + ": " + b.description()).sorted().collect(Collectors.joining("; ")));
    }

    private BackendTimings.Calibration calibrate(List<Backend> backends, Precision precision) {
        Map<String, Double> ms = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Backend backend : backends) {
            try (SyntheticRun run = new SyntheticRun(plugins, backend, body, SHAPE, "fpt", precision)) {
                ms.put(backend.name(), medianMs(run));
            } catch (RuntimeException | LinkageError e) { // e.g. --precision bf16 where it has no bfloat16 path; a native library that cannot load
                failed.put(backend.name(), String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
            }
        }
        return new BackendTimings.Calibration(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                body == BODY ? WORKLOAD : WORKLOAD.replace("2 GPT-2-small layers", body.name()), ms, failed);
    }

    private static double medianMs(SyntheticRun run) {
        return Timings.bestAndMedianMs(WARMUP, TIMED, run::step)[1];
    }

    private static String times(BackendTimings.Calibration c) {
        String ran = c.msPerStep().entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
        String notRun = c.failed().keySet().stream().map(name -> name + " could not run it").collect(Collectors.joining(", "));
        return notRun.isEmpty() ? ran : ran + ", " + notRun;
    }
}
