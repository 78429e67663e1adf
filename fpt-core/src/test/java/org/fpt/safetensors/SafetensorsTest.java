package org.fpt.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    private Path valid() {
        return new SafetensorsFiles()
                .f32("a", new Shape(2), 1.5f, -2f)
                .raw("b", "F16", new Shape(5), shorts(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00))
                .raw("c", "BF16", new Shape(1, 3), shorts(0x3F80, 0xBF00, 0x4049))
                .write(dir.resolve("ok.safetensors"));
    }

    @Test
    void readsF32F16AndBf16AsFloat32() {
        try (Safetensors file = Safetensors.open(valid())) {
            assertThat(file.metadata()).containsEntry("format", "pt");
            assertThat(file.tensors().keySet()).containsExactly("a", "b", "c");
            assertThat(file.tensors().get("c").shape()).isEqualTo(new Shape(1, 3));
            assertThat(file.floats("a")).containsExactly(1.5f, -2f);
            assertThat(file.floats("b")).containsExactly(1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY);
            assertThat(file.floats("c")).containsExactly(1f, -0.5f, 3.140625f);
        }
    }

    @Test
    void halfPrecisionMatchesEveryNormalAndSubnormalValue() {
        // Cross-check against an independent decoding: sign * 2^(e-15) * (1 + m/1024), or 2^-14 * m/1024.
        for (int h = 0; h < 0x7C00; h++) {
            int e = h >>> 10;
            int m = h & 0x3ff;
            double expected = e == 0 ? Math.scalb(m / 1024.0, -14) : Math.scalb(1 + m / 1024.0, e - 15);
            assertThat(SafetensorsDtype.halfToFloat((short) h)).isEqualTo((float) expected);
            assertThat(SafetensorsDtype.halfToFloat((short) (h | 0x8000))).isEqualTo((float) -expected);
        }
        assertThat(SafetensorsDtype.halfToFloat((short) 0x7E00)).isNaN();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file, String key, String... details) {
        var thrown = assertThatThrownBy(() -> Safetensors.open(file).close())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(key);
        for (String detail : details) {
            thrown.hasMessageContaining(detail);
        }
        return thrown;
    }

    @Test
    void truncatedFileNamesTheTensorThatRunsPastTheEnd() throws IOException {
        Path file = valid();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        assertRefused(file, "tensor 'c'", "end at 24", "holds only 21 bytes", "truncated");
    }

    @Test
    void headerLengthLongerThanTheFile() {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = SafetensorsFiles.writeBytes(dir.resolve("long.safetensors"), 1000, header, new byte[0]);
        assertRefused(file, "header", "claims 1000 bytes", "only 2 bytes");
    }

    @Test
    void headerClaimingMoreThan100MbIsRefusedBeforeReading() {
        Path file = SafetensorsFiles.writeBytes(dir.resolve("huge.safetensors"), 200_000_000L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertRefused(file, "header", "claims 200000000 bytes", "at most 100000000");
        Path unsigned = SafetensorsFiles.writeBytes(dir.resolve("unsigned.safetensors"), -1L, new byte[0], new byte[0]);
        assertRefused(unsigned, "header", "claims 18446744073709551615 bytes");
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertRefused(file, "header", "8-byte header length", "3 bytes");
    }

    @Test
    void overlappingOffsets() {
        Path file = new SafetensorsFiles()
                .entry("a", "F32", new Shape(2), 0, 8)
                .entry("b", "F32", new Shape(2), 4, 12)
                .data(new byte[12])
                .write(dir.resolve("overlap.safetensors"));
        assertRefused(file, "tensor 'b'", "[4, 12] overlap tensor 'a' [0, 8]");
    }

    @Test
    void gappedOffsets() {
        Path file = new SafetensorsFiles()
                .entry("a", "F32", new Shape(2), 0, 8)
                .entry("b", "F32", new Shape(2), 12, 20)
                .data(new byte[20])
                .write(dir.resolve("gap.safetensors"));
        assertRefused(file, "tensor 'b'", "gap", "expected it to begin at 8 (the end of 'a'), found 12");
    }

    @Test
    void bytesAfterTheLastTensor() {
        Path file = new SafetensorsFiles().f32("a", new Shape(1), 1f).data(new byte[4]).write(dir.resolve("tail.safetensors"));
        assertRefused(file, "tensor 'a'", "end at byte 4", "holds 8 bytes");
    }

    @Test
    void byteSizeMustBeNumelTimesDtypeSize() {
        Path file = new SafetensorsFiles().raw("w", "F32", new Shape(3), new byte[8]).write(dir.resolve("size.safetensors"));
        assertRefused(file, "tensor 'w'", "expected 12 bytes (3 elements of F32, shape (3)", "(8 bytes)");
    }

    @Test
    void unknownDtype() {
        Path file = new SafetensorsFiles().raw("w", "F33", new Shape(1), new byte[4]).write(dir.resolve("dtype.safetensors"));
        assertRefused(file, "tensor 'w'", "unknown dtype 'F33'", "expected one of BOOL");
    }

    @Test
    void nonUtf8Header() {
        SafetensorsFiles builder = new SafetensorsFiles().f32("a", new Shape(1), 1f);
        byte[] header = builder.headerJson().replace("\"a\"", "\"a\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(builder.write(dir.resolve("latin1.safetensors"), header), "header", "not valid UTF-8: malformed byte 0xe9 at byte 34");
    }

    @Test
    void invalidAndTrickyJson() {
        SafetensorsFiles builder = new SafetensorsFiles().f32("a", new Shape(1), 1f);
        assertRefused(builder.write(dir.resolve("json.safetensors"), "{\"a\":".getBytes(StandardCharsets.UTF_8)),
                "header", "not valid JSON");
        assertRefused(builder.write(dir.resolve("array.safetensors"), "[1]".getBytes(StandardCharsets.UTF_8)),
                "header", "expected a JSON object");
        String twice = builder.headerJson().replace("}}", "}," + builder.headerJson().substring(builder.headerJson().indexOf("\"a\"")));
        assertRefused(builder.write(dir.resolve("twice.safetensors"), twice.getBytes(StandardCharsets.UTF_8)),
                "tensor 'a'", "appears twice");
        // Deep nesting (in a field the reader skips) must end in an error, not a stack overflow.
        String deep = "{\"a\":{\"x\":" + "[".repeat(100_000);
        assertRefused(builder.write(dir.resolve("deep.safetensors"), deep.getBytes(StandardCharsets.UTF_8)),
                "header", "not valid JSON");
    }

    @Test
    void malformedEntries() {
        Path negative = new SafetensorsFiles().entry("w", "F32", new Shape(-1), 0, 0).write(dir.resolve("neg.safetensors"));
        assertRefused(negative, "tensor 'w'", "shape: expected non-negative integers");
        Path overflow = new SafetensorsFiles().entry("w", "F32", new Shape(1L << 40, 1L << 40), 0, 0).write(dir.resolve("ovf.safetensors"));
        assertRefused(overflow, "tensor 'w'", "more elements than a file can hold");
        Path reversed = new SafetensorsFiles().entry("w", "F32", new Shape(1), 4, 0).write(dir.resolve("rev.safetensors"));
        assertRefused(reversed, "tensor 'w'", "begin <= end");
    }

    @Test
    void hostileHeadersEndInErrorsNotInOutOfMemory() {
        String manyDims = "[" + "1,".repeat(5_000_000) + "1]";
        Path wide = new SafetensorsFiles().data(new byte[4]).write(dir.resolve("wide.safetensors"),
                ("{\"w\":{\"dtype\":\"F32\",\"shape\":" + manyDims + ",\"data_offsets\":[0,4]}}").getBytes(StandardCharsets.UTF_8));
        assertRefused(wide, "tensor 'w'", "shape: expected at most 64 values");
        String longNumber = "9".repeat(1_000_000);
        Path digits = new SafetensorsFiles().write(dir.resolve("digits.safetensors"),
                ("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + longNumber + "],\"data_offsets\":[0,0]}}").getBytes(StandardCharsets.UTF_8));
        assertRefused(digits, "header", "not valid JSON: malformed JSON at line 1 column 30 path $.w.shape[0]");
        for (String number : new String[] {"1.0", "1e3", "-0"}) {
            Path file = new SafetensorsFiles().write(dir.resolve("n.safetensors"),
                    ("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + number + "],\"data_offsets\":[0,4]}}").getBytes(StandardCharsets.UTF_8));
            assertRefused(file, "tensor 'w'", "expected non-negative integers, found " + number);
        }
        Path big = new SafetensorsFiles().write(dir.resolve("big.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,9999999999999999999]}}".getBytes(StandardCharsets.UTF_8));
        assertRefused(big, "tensor 'w'", "does not fit in 63 bits");
    }

    @Test
    void onlyFloatTensorsReadAsFloats() {
        Path file = new SafetensorsFiles().raw("mask", "I64", new Shape(1), new byte[8]).write(dir.resolve("int.safetensors"));
        try (Safetensors st = Safetensors.open(file)) {
            assertThatThrownBy(() -> st.floats("mask")).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("tensor 'mask'")
                    .hasMessageContaining("expected dtype F32, F16 or BF16, found I64");
            assertThatThrownBy(() -> st.floats("nope")).hasMessageContaining("tensor 'nope'").hasMessageContaining("not in the file");
        }
    }
}
