package org.fpt.safetensors;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.fpt.io.AtomicFiles;

/**
 * Writes HF's safetensors format (float32 only): an 8-byte little-endian header length N, N bytes of UTF-8
 * JSON ({@code {"key": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}},
 * padded with spaces to a multiple of 8 as HF's writer does, so the data stays aligned), then the tensors'
 * little-endian bytes back to back, in the order they were added. Tensor values are asked for one at a
 * time while writing, so a body larger than memory allows twice can be written; the file appears atomically.
 */
public final class SafetensorsWriter {
    private static final int ALIGNMENT = 8;
    private static final int CHUNK_FLOATS = 1 << 18;

    private final Map<String, Pending> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private record Pending(long[] shape, Supplier<float[]> values) {
        long numel() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }
    }

    /** Adds a float32 tensor whose values are produced when the file is written. */
    public SafetensorsWriter add(String key, long[] shape, Supplier<float[]> values) {
        if (key.isEmpty() || key.equals("__metadata__")) {
            throw new IllegalArgumentException("Safetensors key '" + key + "' is reserved or empty");
        }
        if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("Tensor '" + key + "': negative dimension in shape " + Arrays.toString(shape));
        }
        if (tensors.putIfAbsent(key, new Pending(shape.clone(), values)) != null) {
            throw new IllegalArgumentException("Tensor '" + key + "' was added twice");
        }
        return this;
    }

    public SafetensorsWriter add(String key, long[] shape, float[] values) {
        return add(key, shape, () -> values);
    }

    /** A string entry of the header's {@code __metadata__} (HF writes {@code format: pt}). */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public void write(Path file) {
        AtomicFiles.write(file, this::writeTo);
    }

    /**
     * Writes the file with a content checksum in metadata entry {@code key} (see {@link ContentChecksum}): the
     * bytes stream through a SHA-256 while written, and the digest replaces the 64 zeros in the temp file
     * before it takes the target's name, so the file is never held in memory and never seen unsigned.
     */
    public void writeSigned(Path file, String key) {
        metadata(key, ContentChecksum.ZEROS);
        long at = 8 + ContentChecksum.valueOffset(header(), key);
        MessageDigest digest = ContentChecksum.sha256();
        AtomicFiles.write(file, out -> writeTo(new DigestOutputStream(out, digest)), temp -> {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer hex = ByteBuffer.wrap(HexFormat.of().formatHex(digest.digest()).getBytes(StandardCharsets.US_ASCII));
                while (hex.hasRemaining()) {
                    channel.write(hex, at + hex.position());
                }
            }
        });
    }

    public void writeTo(OutputStream out) throws IOException {
        byte[] header = header();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Pending> e : tensors.entrySet()) {
            float[] values = e.getValue().values().get();
            if (values.length != e.getValue().numel()) {
                throw new IllegalArgumentException("Tensor '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
                        + " (" + e.getValue().numel() + " elements) but " + values.length + " values");
            }
            // In chunks: a tensor's bytes may exceed the largest array.
            for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, values.length - from);
                chunk.clear();
                chunk.asFloatBuffer().put(values, from, n);
                out.write(chunk.array(), 0, n * Float.BYTES);
            }
        }
    }

    /** The JSON header, space-padded so that 8 + its length is a multiple of 8. */
    byte[] header() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            json.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Map.Entry<String, Pending> e : tensors.entrySet()) {
            long end = offset + e.getValue().numel() * Float.BYTES;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", e.getValue().shape());
            entry.put("data_offsets", new long[] {offset, end});
            json.put(e.getKey(), entry);
            offset = end;
        }
        byte[] bytes = new GsonBuilder().disableHtmlEscaping().create().toJson(json).getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] out = Arrays.copyOf(bytes, padded);
        Arrays.fill(out, bytes.length, padded, (byte) ' ');
        return out;
    }
}
