package org.fpt.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesTheExactLayout() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SafetensorsWriter().add("a", new long[] {2}, new float[] {1f, -2f}).add("b.c", new long[] {1, 1}, new float[] {0.5f})
                .writeTo(out);
        byte[] bytes = out.toByteArray();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buffer.getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.stripTrailing()).isEqualTo(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b.c\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}");
        assertThat(n % 8).isZero();
        assertThat(bytes).hasSize((int) (8 + n + 12));
        assertThat(buffer.getFloat((int) (8 + n))).isEqualTo(1f);
        assertThat(buffer.getFloat((int) (8 + n + 4))).isEqualTo(-2f);
        assertThat(buffer.getFloat((int) (8 + n + 8))).isEqualTo(0.5f);
    }

    @Test
    void roundTripsThroughAStrictReadingAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        float[] big = new float[3 * 5];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.25f - 1;
        }
        new SafetensorsWriter().metadata("format", "pt").add("w", new long[] {3, 5}, big).add("empty", new long[] {0}, new float[0])
                .add("x", new long[] {}, new float[] {7f}).write(file);
        SafetensorsFormatCheck.Contents contents = SafetensorsFormatCheck.read(file);
        assertThat(contents.metadata()).containsEntry("format", "pt");
        assertThat(contents.tensors().get("w").values()).containsExactly(big);
        assertThat(contents.tensors().get("w").shape()).containsExactly(3, 5);
        assertThat(contents.tensors().get("x").shape()).isEmpty();
        assertThat(contents.tensors().get("x").values()).containsExactly(7f);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
    }

    @Test
    void badTensorsAreRefusedByName() {
        SafetensorsWriter writer = new SafetensorsWriter().add("w", new long[] {2, 2}, new float[3]);
        assertThatThrownBy(() -> writer.write(dir.resolve("bad.safetensors")))
                .hasMessageContaining("Tensor 'w' has shape [2, 2] (4 elements) but 3 values");
        assertThat(dir.resolve("bad.safetensors")).doesNotExist();
        assertThatThrownBy(() -> new SafetensorsWriter().add("k", new long[] {1}, new float[1]).add("k", new long[] {1}, new float[1]))
                .hasMessageContaining("Tensor 'k' was added twice");
        assertThatThrownBy(() -> new SafetensorsWriter().add("__metadata__", new long[] {1}, new float[1]))
                .hasMessageContaining("reserved");
    }
}
