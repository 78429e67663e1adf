package org.fpt.safetensors;

import static org.fpt.safetensors.CheckpointException.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.fpt.io.InputFiles;

/**
 * A reader for HF's safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * describing the tensors, then the data buffer. Opening reads and checks the header only (see
 * {@link SafetensorsHeader}); each tensor is memory-mapped and converted to float32 when asked for, so a
 * multi-GB checkpoint is never held in memory at once, let alone twice.
 */
public final class Safetensors implements AutoCloseable {
    /** The reference implementation's limit; a larger claimed header is refused before anything is allocated. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final SafetensorsHeader header;

    private Safetensors(Path file, FileChannel channel, long dataStart, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = header;
    }

    public static Safetensors open(Path file) {
        InputFiles.requireRegularFile(file, detail -> new CheckpointException(file, "file", detail));
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException(file, "file", "cannot be opened: " + e, e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw new CheckpointException(file, "header", "expected an 8-byte header length, found a file of " + size + " bytes");
            }
            long headerLength = readFully(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            // Unsigned in the format: a "negative" long is a length beyond 2^63, refused like any huge one.
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(file, "header", String.format("length field claims %s bytes; at most %d are allowed",
                        Long.toUnsignedString(headerLength), MAX_HEADER_BYTES));
            }
            if (8 + headerLength > size) {
                throw new CheckpointException(file, "header", String.format(
                        "length field claims %d bytes, but the file has only %d bytes after it (file truncated?)",
                        headerLength, size - 8));
            }
            ByteBuffer json = readFully(file, channel, 8, (int) headerLength);
            SafetensorsHeader header = SafetensorsHeader.parse(file, json, size - 8 - headerLength);
            return new Safetensors(file, channel, 8 + headerLength, header);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CheckpointException(file, "header", "cannot be read: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Every tensor by key, in header order. */
    public Map<String, TensorEntry> tensors() {
        return header.tensors;
    }

    /** The header's {@code __metadata__} (e.g. {@code format: pt}); empty when absent. */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    public Optional<TensorEntry> find(String key) {
        return Optional.ofNullable(header.tensors.get(key));
    }

    /** The tensor's elements as float32, converted from F32, F16 or BF16, in row-major order. */
    public float[] floats(String key) {
        TensorEntry entry = find(key).orElseThrow(() -> new CheckpointException(file, tensor(key), "is not in the file"));
        if (!entry.dtype().isFloatReadable()) {
            throw new CheckpointException(file, tensor(key), "expected dtype F32, F16 or BF16, found " + entry.dtype());
        }
        if (entry.numel() > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, tensor(key), "has " + entry.numel() + " elements; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
        float[] out = new float[(int) entry.numel()];
        if (out.length == 0) {
            return out;
        }
        try {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), entry.byteSize());
            entry.dtype().readFloats(mapped.order(ByteOrder.LITTLE_ENDIAN), out);
        } catch (IOException e) {
            throw new CheckpointException(file, tensor(key), "cannot be read: " + e, e);
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(file, "header", "file ended after " + (position + buffer.position())
                        + " bytes while reading " + length + " bytes at " + position);
            }
        }
        return buffer.flip();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close loses nothing
        }
    }
}
