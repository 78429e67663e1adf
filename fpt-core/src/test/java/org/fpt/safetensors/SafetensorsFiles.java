package org.fpt.safetensors;

import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Writes tiny safetensors files byte by byte for tests, including broken ones. */
public final class SafetensorsFiles {
    private final List<String> entries = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** An F32 tensor placed right after the previous one. */
    public SafetensorsFiles f32(String key, Shape shape, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return raw(key, "F32", shape, bytes.array());
    }

    /** An F32 tensor of the given shape filled with {@code value}. */
    public SafetensorsFiles filled(String key, Shape shape, float value) {
        float[] values = new float[Math.toIntExact(shape.size())];
        Arrays.fill(values, value);
        return f32(key, shape, values);
    }

    /** A tensor with its offsets computed from the bytes written so far. */
    public SafetensorsFiles raw(String key, String dtype, Shape shape, byte[] bytes) {
        long begin = data.size();
        data.writeBytes(bytes);
        return entry(key, dtype, shape, begin, data.size());
    }

    /** A header entry with offsets as given (no data written): for overlaps and gaps. */
    public SafetensorsFiles entry(String key, String dtype, Shape shape, long begin, long end) {
        String dims = Arrays.stream(shape.getShape()).mapToObj(Long::toString).collect(Collectors.joining(","));
        entries.add(String.format("\"%s\":{\"dtype\":\"%s\",\"shape\":[%s],\"data_offsets\":[%d,%d]}", key, dtype, dims, begin, end));
        return this;
    }

    public SafetensorsFiles data(byte[] bytes) {
        data.writeBytes(bytes);
        return this;
    }

    public String headerJson() {
        return "{\"__metadata__\":{\"format\":\"pt\"}," + String.join(",", entries) + "}";
    }

    public Path write(Path file) {
        return write(file, headerJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code header} as the header bytes, with its true length, then the data. */
    public Path write(Path file, byte[] header) {
        return writeBytes(file, header.length, header, data.toByteArray());
    }

    public static Path writeBytes(Path file, long claimedHeaderLength, byte[] header, byte[] data) {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(claimedHeaderLength);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(length.array());
            out.write(header);
            out.write(data);
            Files.createDirectories(file.getParent());
            return Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
