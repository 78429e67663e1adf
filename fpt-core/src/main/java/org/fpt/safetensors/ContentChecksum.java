package org.fpt.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.fpt.io.InputFiles;

/**
 * A safetensors file that carries its own SHA-256: metadata entry {@code key} holds the hex digest of the
 * whole file as written with that value as 64 zeros. Written by {@link SafetensorsWriter#writeSigned}.
 *
 * <p>{@link #problem} checks it before anything in the header is interpreted: the entry is found as bytes
 * ({@code "key":"<64 hex>"}, which JSON escaping keeps out of every string value), and the file is hashed as
 * a stream, so a flipped byte anywhere is reported as such, never as whatever a damaged header would make
 * a JSON walk trip over, and a file of any size is checked in constant memory.
 */
public final class ContentChecksum {
    static final String ZEROS = "0".repeat(64);
    private static final int BUFFER = 1 << 20;

    private ContentChecksum() {
    }

    /** What is wrong with the file's framing or checksum, phrased for "... is refused: <problem>"; empty when it is intact. */
    public static Optional<String> problem(Path file, String key) {
        InputFiles.requireRegularFile(file, detail -> new CheckpointException(file, "file", detail));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                return Optional.of("truncated: " + size + " bytes, not even the 8-byte header length");
            }
            long headerLength = read(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > Safetensors.MAX_HEADER_BYTES) {
                return Optional.of("not a safetensors file: its header length field claims " + Long.toUnsignedString(headerLength)
                        + " bytes (at most " + Safetensors.MAX_HEADER_BYTES + ")");
            }
            if (8 + headerLength > size) {
                return Optional.of("truncated: the header needs " + headerLength + " bytes after the length, the file has " + (size - 8));
            }
            byte[] header = read(channel, 8, (int) headerLength).array();
            long at;
            try {
                at = 8 + valueOffset(header, key);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
            String recorded = new String(header, (int) (at - 8), 64, StandardCharsets.US_ASCII);
            String actual = digest(channel, size, at);
            return actual.equals(recorded) ? Optional.empty() : Optional.of("content checksum mismatch: the header records SHA-256 "
                    + recorded + ", the content hashes to " + actual + " (the file was altered or damaged)");
        } catch (IOException e) {
            throw new CheckpointException(file, "file", "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where the 64 hex characters of entry {@code key} start in the header: it must be there exactly once. */
    static int valueOffset(byte[] header, String key) {
        byte[] marker = ("\"" + key + "\":\"").getBytes(StandardCharsets.UTF_8);
        int found = -1;
        for (int i = indexOf(header, marker, 0); i >= 0; i = indexOf(header, marker, i + 1)) {
            int value = i + marker.length;
            if (value + 65 <= header.length && header[value + 64] == '"' && isHex(header, value, 64)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("the header has two content checksums (__metadata__." + key + ")");
                }
                found = value;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no content checksum (__metadata__." + key + ": 64 hex digits) in the header");
        }
        return found;
    }

    private static String digest(FileChannel channel, long size, long zerosAt) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (long position = 0; position < size; ) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("the file shrank while being read");
            }
            byte[] bytes = buffer.array();
            for (long i = Math.max(position, zerosAt); i < Math.min(position + n, zerosAt + 64); i++) {
                bytes[(int) (i - position)] = '0';
            }
            sha.update(bytes, 0, n);
            position += n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended early");
            }
        }
        return buffer.flip();
    }

    private static boolean isHex(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = bytes[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
