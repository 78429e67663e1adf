package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.train.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code task_positions} gives one task's runs {@code --positions}: recorded in the run, applied to the body. */
class ExperimentPositionsTest {
    @TempDir
    Path dir;

    @Test
    void taskPositionsExtendTheBodyForThatTaskOnly() throws Exception {
        Path spec = Files.writeString(dir.resolve("positions.yaml"), """
                tasks: [bit-xor, bit-memory]
                bodies: [gpt2-tiny]
                inits: [random]
                steps: 1
                batch_size: 2
                task_positions: {bit-xor: 1030}
                task_properties: {bit-xor: {test-size: 4}, bit-memory: {bits: 4, patch: 2, patterns: 2, test-size: 4}}
                """);
        Path out = dir.resolve("out");
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        for (String task : new String[] {"bit-xor", "bit-memory"}) {
            Path metrics = out.resolve("runs").resolve(ExperimentSpec.read(spec).dirName(new ExperimentSpec.Run(task, "gpt2-tiny", "random", "fpt", 1))).resolve("metrics.jsonl");
            var lines = MetricsLog.read(metrics);
            var run = lines.get(0).getAsJsonObject("run");
            long total = lines.stream().filter(l -> l.has("final")).findFirst().orElseThrow().get("total_params").getAsLong();
            if (task.equals("bit-xor")) {
                assertThat(run.get("positions").getAsInt()).isEqualTo(1030);
                assertThat(total).as("6 more rows of width 64 than gpt2-tiny's 1024").isEqualTo(166_666L + 6 * 64);
            } else {
                assertThat(run.has("positions")).isFalse();
            }
        }
    }
}
