package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.fpt.spi.BodySource.Init;
import org.fpt.spi.Task.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file on its own (no engine): damage is refused in one line naming the file, before any of
 * the header is interpreted; a header edited and re-signed (the checksum recomputed) is still checked
 * field by field; and the directory rules: only regular files count, temp files of a killed write are
 * deleted, and a damaged newest checkpoint falls back to the one before it.
 */
class CheckpointFileTest {
    @TempDir
    Path dir;

    private static Checkpoint checkpoint(int step) {
        JsonRun run = new JsonRun();
        return new Checkpoint(run.json, new BodyIdentity("gpt2-tiny", "ab".repeat(32), 3), step, step,
                List.of(new TrainingResult.Step(step, 0.5f, new Evaluation(Split.TEST, 10, 0.4f, 0.75))),
                Map.of("ln_f.weight", new Checkpoint.Tensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}),
                        "optimizer.m.ln_f.weight", new Checkpoint.Tensor(new long[] {2, 2}, new float[] {0, 0.5f, 0, 0}),
                        "optimizer.v.ln_f.weight", new Checkpoint.Tensor(new long[] {2, 2}, new float[] {0, 0.25f, 0, 0})));
    }

    /** A run as the CLI stores it. */
    private static final class JsonRun {
        final com.google.gson.JsonObject json = RunDescriptions.toJson(new RunSpec("bit-xor", "gpt2-tiny", Init.RANDOM, "fpt",
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), TrainingConfig.defaults(8, 4, 1)));
    }

    private Path written(String name, int step) {
        Path file = dir.resolve(name);
        checkpoint(step).write(file);
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertThatReadIsRefused(Path file) {
        return assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Checkpoint " + file + " is refused: ").hasMessageNotContaining("\n");
    }

    @Test
    void roundTripsThroughTheSafetensorsReaderAndWriter() throws Exception {
        Path file = written("checkpoint-00000004.safetensors", 4);
        Checkpoint read = Checkpoint.read(file);
        assertThat(read.step()).isEqualTo(4);
        assertThat(read.tensors().get("ln_f.weight").values()).containsExactly(1, 2, 3, 4);
        assertThat(read.history()).isEqualTo(checkpoint(4).history());
        assertThat(read.body()).isEqualTo(checkpoint(4).body());
        try (var safetensors = org.fpt.safetensors.Safetensors.open(file)) { // a plain safetensors file
            assertThat(safetensors.floats("optimizer.v.ln_f.weight")).containsExactly(0, 0.25f, 0, 0);
        }
    }

    @Test
    void aFlippedHeaderByteIsAChecksumMismatchNotAJsonWalk() throws Exception {
        Path file = written("c.safetensors", 4);
        byte[] bytes = Files.readAllBytes(file);
        String header = new String(bytes, StandardCharsets.UTF_8);
        int at = header.indexOf("\"data_offsets\"") + 3; // today's main: NullPointerException from getAsJsonArray
        bytes[at] ^= 0x20;
        Files.write(file, bytes);
        assertThatReadIsRefused(file).hasMessageContaining("content checksum mismatch");
    }

    @Test
    void reSignedHeaderEditsAreCheckedFieldByField() throws Exception {
        Path offsets = resigned(written("offsets.safetensors", 4), h -> h.replaceFirst("\"data_offsets\":\\[0,16\\]", "\"data_offsets\":[-16,0]"));
        assertThatReadIsRefused(offsets).hasMessageContaining("data_offsets").hasMessageContaining("-16");

        Path dtype = resigned(written("dtype.safetensors", 4), h -> h.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"I32\""));
        assertThatReadIsRefused(dtype).hasMessageContaining("expected dtype F32").hasMessageContaining("I32");

        Path step = resigned(written("step.safetensors", 4), h -> h.replace("\\\"step\\\":4,\\\"optimizer_steps", "\\\"step\\\":-5,\\\"optimizer_steps"));
        assertThatReadIsRefused(step).hasMessageContaining("'step'").hasMessageContaining("-5");

        Path run = resigned(written("run.safetensors", 4), h -> h.replace("\\\"batch_size\\\":4", "\\\"batch_size\\\":\\\"many\\\""));
        assertThatReadIsRefused(run).hasMessageContaining("run description: 'batch_size'").hasMessageContaining("many");
    }

    @Test
    void truncationIsNamedAsSuch() throws Exception {
        Path file = written("t.safetensors", 4);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length - 8));
        assertThatReadIsRefused(file).hasMessageContaining("truncated");
        Files.write(file, Arrays.copyOf(good, 5));
        assertThatReadIsRefused(file).hasMessageContaining("truncated: 5 bytes");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // today's main blocks forever opening the FIFO
    void aFifoNamedLikeACheckpointIsSkippedNotOpened() throws Exception {
        Checkpointing checkpoints = new Checkpointing(dir, 1, true).forRun(new JsonRun().json);
        checkpoints.save(checkpoint(4));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("checkpoint-00000009.safetensors").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(checkpoints.resumeFrom()).hasValueSatisfying(c -> assertThat(c.step()).isEqualTo(4));
        assertThatThrownBy(() -> Checkpoint.read(dir.resolve("checkpoint-00000009.safetensors")))
                .hasMessageContaining("checkpoint-00000009.safetensors").hasMessageContaining("not a regular file");
    }

    @Test
    void aTempFileLeftByAKilledWriteIsDeleted() throws Exception {
        Path leftover = Files.write(dir.resolve(".checkpoint-00000006.safetensors8412307745124.tmp"), new byte[100]);
        Path unrelated = Files.write(dir.resolve(".notes7.tmp"), new byte[1]);
        new Checkpointing(dir, 1, true).forRun(new JsonRun().json).resumeFrom();
        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();

        Files.write(leftover, new byte[100]);
        new Checkpointing(dir, 1, false).save(checkpoint(7));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToTheOneBeforeWithAWarning() throws Exception {
        Checkpointing checkpoints = new Checkpointing(dir, 1, true).forRun(new JsonRun().json);
        for (int step = 2; step <= 6; step += 2) {
            checkpoints.save(checkpoint(step));
        }
        Path newest = dir.resolve("checkpoint-00000006.safetensors");
        assertThat(Checkpointing.latest(dir)).contains(newest);
        assertThat(dir.resolve("checkpoint-00000004.safetensors")).exists(); // the one before is kept
        assertThat(dir.resolve("checkpoint-00000002.safetensors")).doesNotExist();
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));

        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Optional<Checkpoint> resumed;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            resumed = checkpoints.resumeFrom();
        } finally {
            System.setErr(oldErr);
        }
        assertThat(resumed).hasValueSatisfying(c -> assertThat(c.step()).isEqualTo(4));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARN").contains(newest.toString()).contains("truncated");

        Files.write(dir.resolve("checkpoint-00000004.safetensors"), new byte[3]);
        assertThatThrownBy(checkpoints::resumeFrom).hasMessageContaining(newest.toString())
                .hasMessageContaining("checkpoint-00000004.safetensors");
    }

    /** The file with its header edited and its content checksum recomputed, as a forger would. */
    static Path resigned(Path file, UnaryOperator<String> edit) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = edit.apply(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).stripTrailing());
        assertThat(header).as("the edit applies").isNotEqualTo(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).stripTrailing());
        header = header.replaceAll("\"fpt.sha256\":\"[0-9a-f]{64}\"", "\"fpt.sha256\":\"" + "0".repeat(64) + "\"");
        byte[] json = (header + " ".repeat((8 - header.getBytes(StandardCharsets.UTF_8).length % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(bytes, (int) (8 + n), bytes.length);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        byte[] unsigned = out.putLong(json.length).put(json).put(data).array();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(unsigned));
        Files.write(file, new String(unsigned, StandardCharsets.ISO_8859_1).replace("0".repeat(64), sha).getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }
}
