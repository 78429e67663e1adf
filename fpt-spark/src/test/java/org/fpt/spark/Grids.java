package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fpt.cli.Main;
import org.fpt.cli.grid.RunRecords;
import org.fpt.train.MetricsLog;

/** Tiny grids for the Spark tests, the CLI run in this JVM (as the driver), and comparisons of their outputs. */
final class Grids {
    private Grids() {
    }

    /** A bit-xor grid: {@code policies} x 2 seeds, {@code steps} steps of batch 8, checkpoints every {@code every}. */
    static Path spec(Path dir, String name, String bodies, String policies, int steps, int every) throws IOException {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, String.join("\n", "name: " + name, "tasks: [bit-xor]", "bodies: " + bodies, "inits: [random]",
                "policies: " + policies, "seeds: [1, 2]", "steps: " + steps, "batch_size: 8", "eval_every: " + every,
                "checkpoint_every: " + every, "task_properties: {bit-xor: {test-size: 32}}", ""));
        return spec;
    }

    record Result(int code, String out, String err) {
    }

    /** {@code fpt ARGS} in this JVM, with stdout and stderr captured (and echoed, for the test log). */
    static synchronized Result fpt(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = Main.run(args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(out);
            oldErr.print(err);
        }
    }

    /** Every run's metrics lines by run directory, without the wall clock: what must be identical. */
    static Map<String, List<String>> metricsWithoutClock(Path out) throws IOException {
        Map<String, List<String>> runs = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            for (Path dir : dirs.toList()) {
                runs.put(dir.getFileName().toString(), MetricsLog.withoutClock(RunRecords.parse(Files.readString(dir.resolve("metrics.jsonl")))));
            }
        }
        return runs;
    }

    /** The tables of two outputs are the same, byte for byte, and so is every run's record (but its seconds). */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        for (String table : List.of("results.md", "results.csv", "runs.csv")) {
            assertThat(Files.readString(actual.resolve(table))).as(table).isEqualTo(Files.readString(expected.resolve(table)));
        }
        assertThat(metricsWithoutClock(actual)).isEqualTo(metricsWithoutClock(expected));
    }
}
