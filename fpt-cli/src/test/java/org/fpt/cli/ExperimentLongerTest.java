package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fpt.train.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid asked for more steps than its runs have trains only the steps they lack, and gets the runs trained straight. */
class ExperimentLongerTest {
    @TempDir
    Path dir;

    @Test
    void moreStepsContinueTheShorterRunsAndEqualRunsTrainedStraight() throws Exception {
        Path out = dir.resolve("out");
        Path shorter = grid("shorter", 6, "1.0e-3");
        assertThat(CliRunner.run("experiment", shorter.toString(), "--out", out.toString()).code()).isZero();
        Path shorterMetrics = onlyMetrics(out);
        String shorterText = Files.readString(shorterMetrics);

        CliRunner.Result longer = CliRunner.run("experiment", grid("longer", 12, "1.0e-3").toString(), "--out", out.toString());
        assertThat(longer.code()).as(longer.err()).isZero();
        assertThat(longer.out()).contains("  continues " + shorterMetrics.getParent().getFileName() + " (6 steps) from its step 6");
        assertThat(Files.readString(shorterMetrics)).as("the shorter run stays as it was").isEqualTo(shorterText);
        Path continued = metricsOtherThan(out, shorterMetrics);
        List<JsonObject> lines = MetricsLog.read(continued);
        assertThat(lines.stream().filter(l -> l.has("train_loss")).map(l -> l.get("step").getAsInt()))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(lines.stream().filter(l -> l.has("continued_from")).map(l -> l.get("checkpoint_step").getAsInt())).containsExactly(6);

        Path straightOut = dir.resolve("straight");
        assertThat(CliRunner.run("experiment", grid("straight", 12, "1.0e-3").toString(), "--out", straightOut.toString()).code()).isZero();
        List<JsonObject> withoutContinuedLine = lines.stream().filter(l -> !l.has("continued_from")).toList();
        assertThat(MetricsLog.withoutClock(withoutContinuedLine)).isEqualTo(MetricsLog.withoutClock(MetricsLog.read(onlyMetrics(straightOut))));

        CliRunner.Result again = CliRunner.run("experiment", grid("again", 12, "1.0e-3").toString(), "--out", out.toString());
        assertThat(again.out()).contains("done, skipped").doesNotContain("  continues");
    }

    @Test
    void aRunThatDiffersInMoreThanStepsStartsAfresh() throws Exception {
        Path out = dir.resolve("out");
        assertThat(CliRunner.run("experiment", grid("first", 6, "1.0e-3").toString(), "--out", out.toString()).code()).isZero();
        Path first = onlyMetrics(out);
        CliRunner.Result other = CliRunner.run("experiment", grid("other", 12, "1.0e-2").toString(), "--out", out.toString());
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.out()).doesNotContain("  continues").contains("starts at step 0; not continued: "
                + first.getParent().getFileName() + " (6 steps) differs in more than steps: lr");
        assertThat(MetricsLog.read(metricsOtherThan(out, first)).stream().filter(l -> l.has("train_loss")).count()).isEqualTo(12);
    }

    /** bit-xor on gpt2-tiny, random init, evaluated every other step: small enough for a unit test. */
    private Path grid(String name, int steps, String lr) throws Exception {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, String.join("\n", "name: " + name, "tasks: [bit-xor]", "bodies: [gpt2-tiny]", "inits: [random]",
                "policies: [fpt]", "seeds: [1]", "steps: " + steps, "batch_size: 4", "eval_every: 2", "lr: " + lr,
                "task_properties: {bit-xor: {test-size: 32}}", ""));
        return spec;
    }

    private static List<Path> allMetrics(Path out) throws Exception {
        try (var files = Files.walk(out.resolve("runs"))) {
            return files.filter(f -> f.getFileName().toString().equals("metrics.jsonl")).sorted().toList();
        }
    }

    private static Path onlyMetrics(Path out) throws Exception {
        List<Path> metrics = allMetrics(out);
        assertThat(metrics).hasSize(1);
        return metrics.get(0);
    }

    private static Path metricsOtherThan(Path out, Path first) throws Exception {
        List<Path> others = allMetrics(out).stream().filter(m -> !m.equals(first)).toList();
        assertThat(others).hasSize(1);
        return others.get(0);
    }
}
