package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM (what {@code kill}, {@code timeout} and a cluster's scheduler send) stops a pytorch run like any stop:
 * exit code 143, no JVM crash report. Before, a SIGTERM that landed inside a backward pass ended in SIGSEGV, exit 134
 * and an hs_err file (fpt-bench/results/diagnostics/sigterm-during-backward-2026-12-07/: one stop in three here).
 */
class StopSignalTest {
    /** Steps of a few hundred ms, nearly all in libtorch, so that most signals land inside native code. */
    private static final String[] RUN = {"train", "--task", "bit-memory", "--body", "gpt2-tiny", "--init", "random", "--backend", "pytorch",
            "--batch-size", "512", "--steps", "100000", "--eval-every", "100000"};

    @TempDir
    Path dir;

    @Test
    void aSigtermDuringTrainingStopsTheRunWithoutACrash() throws Exception {
        // Signals at different points of a step (its metrics line is written when it ends), after a few steps
        for (double intoStep : new double[] {0.2, 0.4, 0.6, 0.75, 0.9}) {
            Path work = Files.createDirectory(dir.resolve("stop-at-" + intoStep + "-of-a-step"));
            Path metrics = work.resolve("metrics.jsonl");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(RUN));
            command.addAll(List.of("--metrics", metrics.toString()));
            Path log = work.resolve("run.log");
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (stepTimes(metrics).size() < 3 && process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                List<Double> times = stepTimes(metrics);
                assertThat(times).as("three steps trained: " + Files.readString(log)).hasSizeGreaterThanOrEqualTo(3);
                double stepSeconds = times.get(times.size() - 1) - times.get(times.size() - 2);
                Thread.sleep((long) (intoStep * stepSeconds * 1000));
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("stopped within the shutdown's bounded wait").isTrue();
            } finally {
                process.destroyForcibly(); // a failed assertion leaves no training JVM behind
            }
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files.map(p -> p.getFileName().toString())).as(Files.readString(log)).noneMatch(name -> name.startsWith("hs_err"));
            }
            assertThat(process.exitValue()).as("128 + SIGTERM: " + Files.readString(log)).isEqualTo(143);
        }
    }

    /** When each step so far ended (its metrics line's {@code t}, in seconds). */
    private static List<Double> stepTimes(Path metrics) throws java.io.IOException {
        if (!Files.exists(metrics)) {
            return List.of();
        }
        return Files.readAllLines(metrics).stream().filter(l -> l.startsWith("{\"step\"") && l.endsWith("}"))
                .map(l -> com.google.gson.JsonParser.parseString(l).getAsJsonObject().get("t").getAsDouble()).toList();
    }
}
