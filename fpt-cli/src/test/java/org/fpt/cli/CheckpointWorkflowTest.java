package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fpt.train.Checkpointing;
import org.fpt.train.MetricsLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The research workflow end to end through the CLI: an uninterrupted reference run, a run killed with
 * SIGKILL mid-training and resumed, eval / predict / attention from the checkpoint, damaged checkpoints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointWorkflowTest {
    private static final int STEPS = 16;
    private static final String[] RUN = {"train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--policy", "fpt",
            "--steps", String.valueOf(STEPS), "--batch-size", "8", "--eval-every", "8", "--seed", "5", "-P", "test-size=64"};

    private Path dir;
    private Path reference;
    private Path referenceCheckpoint;

    @BeforeAll
    void uninterruptedReferenceRun(@TempDir Path temp) throws Exception {
        dir = temp;
        reference = dir.resolve("reference");
        CliRunner.Result result = CliRunner.run(args(RUN, "--checkpoint-dir", reference.toString()));
        assertThat(result.code()).as(result.err()).isZero();
        referenceCheckpoint = Checkpointing.latest(reference).orElseThrow();
    }

    @Test
    void runKilledWithSigkillResumesToExactlyTheSameMetrics() throws Exception {
        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(RUN, "--checkpoint-dir", killed.toString(), "--checkpoint-every", "4")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (Checkpointing.latest(killed).isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        process.waitFor();
        assertThat(process.exitValue()).as("killed, not finished: " + Files.readString(dir.resolve("killed.log"))).isNotZero();
        Path left = Checkpointing.latest(killed).orElseThrow();
        assertThat(left.getFileName().toString()).isNotEqualTo(String.format("checkpoint-%08d.safetensors", STEPS));

        CliRunner.Result resumed = CliRunner.run(args(RUN, "--checkpoint-dir", killed.toString(), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(withoutTimes(killed.resolve("metrics.jsonl"))).isEqualTo(withoutTimes(reference.resolve("metrics.jsonl")));
        assertThat(Files.readAllBytes(Checkpointing.latest(killed).orElseThrow())).isEqualTo(Files.readAllBytes(referenceCheckpoint));
    }

    @Test
    void evalOnTheCheckpointReproducesTheFinalTestAccuracy() throws Exception {
        Path json = dir.resolve("eval.json");
        CliRunner.Result result = CliRunner.run("eval", "--checkpoint", referenceCheckpoint.toString(), "--json", json.toString());
        assertThat(result.code()).as(result.err()).isZero();
        JsonObject last = finalLine(reference.resolve("metrics.jsonl"));
        JsonObject evaluation = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(evaluation.get("accuracy").getAsDouble()).isEqualTo(last.get("accuracy").getAsDouble());
        assertThat(evaluation.get("loss").getAsFloat()).isEqualTo(last.get("loss").getAsFloat());
        assertThat(result.out()).contains("accuracy");
        Path inFives = dir.resolve("eval-in-fives.json");
        CliRunner.Result smaller = CliRunner.run("eval", "--checkpoint", referenceCheckpoint.toString(), "--eval-batch-size", "5",
                "--json", inFives.toString());
        assertThat(smaller.code()).as(smaller.err()).isZero();
        JsonObject inBatchesOfFive = JsonParser.parseString(Files.readString(inFives)).getAsJsonObject();
        assertThat(inBatchesOfFive.get("accuracy").getAsDouble()).isEqualTo(last.get("accuracy").getAsDouble());
        assertThat(inBatchesOfFive.get("loss").getAsFloat()).isCloseTo(last.get("loss").getAsFloat(), org.assertj.core.api.Assertions.within(1e-5f));
        CliRunner.Result zero = CliRunner.run("eval", "--checkpoint", referenceCheckpoint.toString(), "--eval-batch-size", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).startsWith("fpt: --eval-batch-size must be between 1 and ");
    }

    @Test
    void aRandomInitCheckpointIsRebuiltOnlyOnTheEngineThatDrewIt() throws Exception {
        String trainedOn = org.fpt.train.Checkpoint.read(referenceCheckpoint).run().get("backend").getAsString();
        String other = trainedOn.equals("cpu") ? "pytorch" : "cpu";
        CliRunner.Result same = CliRunner.run("eval", "--checkpoint", referenceCheckpoint.toString(), "--backend", trainedOn);
        assertThat(same.code()).as(same.err()).isZero();
        CliRunner.Result elsewhere = CliRunner.run("eval", "--checkpoint", referenceCheckpoint.toString(), "--backend", other);
        assertThat(elsewhere.code()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("another engine", "resumes only on the backend the checkpoint records");
        CliRunner.Result typo = CliRunner.run("eval", "--checkpoint", referenceCheckpoint.toString(), "--backend", "cpv");
        assertThat(typo.code()).isEqualTo(2);
    }

    @Test
    void predictWritesOneJsonLinePerInput() throws Exception {
        Path input = dir.resolve("inputs.jsonl");
        Files.writeString(input, "{\"values\": [[1,0,1,1,0],[0,0,1,0,1]]}\n\n{\"values\": [[1,1,1,1,1],[1,1,1,1,1]]}\n");
        CliRunner.Result result = CliRunner.run("predict", "--checkpoint", referenceCheckpoint.toString(), "--input", input.toString());
        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertThat(first.getAsJsonArray("labels")).hasSize(5);
        assertThat(first.getAsJsonArray("probabilities").get(0).getAsJsonArray()).hasSize(2);

        Files.writeString(input, "{\"values\": [[1,0,1],[0,0,1]]}\n");
        CliRunner.Result bad = CliRunner.run("predict", "--checkpoint", referenceCheckpoint.toString(), "--input", input.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains(input + " line 1").contains("token 0 must be an array of 5 numbers, found 3 values");
    }

    @Test
    void attentionWritesOnePngPerLayerAndHead() throws Exception {
        Path maps = dir.resolve("maps");
        CliRunner.Result result = CliRunner.run("attention", "--checkpoint", referenceCheckpoint.toString(), "--out", maps.toString(),
                "--example", "3", "--cell", "20");
        assertThat(result.code()).as(result.err()).isZero();
        List<Path> heads;
        try (Stream<Path> files = Files.list(maps)) {
            heads = files.filter(f -> f.getFileName().toString().matches("layer\\d-head\\d\\.png")).sorted().toList();
        }
        assertThat(heads).hasSize(2 * 4); // gpt2-tiny: 2 layers x 4 heads
        for (Path png : heads) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(2 * 20); // bit-xor: 2 tokens
            assertThat(image.getHeight()).isEqualTo(2 * 20);
        }
        BufferedImage grid = ImageIO.read(maps.resolve("attention.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(4 * 40 + 3 * 4);
        assertThat(grid.getHeight()).isEqualTo(2 * 40 + 4);
        // Causal attention: the first token sees only itself, so its row is [1, 0]: bright then dark.
        BufferedImage head = ImageIO.read(heads.get(0).toFile());
        assertThat(head.getRGB(5, 5)).isEqualTo(Heatmaps.color(1f).getRGB());
        assertThat(head.getRGB(25, 5)).isEqualTo(Heatmaps.color(0f).getRGB());
        assertThat(result.out()).contains("2 layers x 4 heads");
    }

    @Test
    void truncatedOrAlteredCheckpointIsRefusedWithAClearError() throws Exception {
        byte[] good = Files.readAllBytes(referenceCheckpoint);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        CliRunner.Result cut = CliRunner.run("eval", "--checkpoint", truncated.toString());
        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.err().strip()).startsWith("fpt: Checkpoint " + truncated + " is refused: truncated");

        byte[] altered = good.clone();
        altered[altered.length - 1] ^= 0x40;
        Path changed = dir.resolve("altered.safetensors");
        Files.write(changed, altered);
        CliRunner.Result bad = CliRunner.run("eval", "--checkpoint", changed.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("Checkpoint " + changed + " is refused: content checksum mismatch");
    }

    @Test
    void configFileGivesDefaultsAndTheCommandLineOverridesIt() throws Exception {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, "task: bit-xor\nbody: gpt2-tiny\ninit: random\nsteps: 3\nbatch-size: 4\n");
        Path summary = dir.resolve("summary.json");
        CliRunner.Result result = CliRunner.run("train", "--config", config.toString(), "--steps", "2", "-P", "test-size=16",
                "--summary-json", summary.toString());
        assertThat(result.code()).as(result.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        assertThat(json.get("steps").getAsInt()).isEqualTo(2);          // the command line wins
        assertThat(json.get("task").getAsString()).isEqualTo("bit-xor"); // from the file

        Files.writeString(config, "{\"task\": \"bit-xor\", \"stepz\": 3}");
        Path jsonConfig = Files.move(config, dir.resolve("run.json"));
        CliRunner.Result bad = CliRunner.run("train", "--config", jsonConfig.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(jsonConfig.toString()).contains("stepz");
    }

    private static String[] args(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Metrics lines without wall-clock times, which differ between runs. */
    private static List<String> withoutTimes(Path metrics) {
        return MetricsLog.withoutClock(MetricsLog.read(metrics));
    }

    private static JsonObject finalLine(Path metrics) {
        return MetricsLog.read(metrics).stream().filter(l -> l.has("final")).findFirst().orElseThrow();
    }

}
