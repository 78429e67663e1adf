package org.fpt.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safetensors framing (8-byte little-endian header length, JSON header padded with spaces, data), so
 * a case can edit the header and keep the framing right, and re-sign an FPT checkpoint: its
 * {@code __metadata__.fpt.sha256} is the SHA-256 of the file with those 64 characters written as zeros.
 */
final class SafetensorsBytes {
    private static final Pattern SHA = Pattern.compile("\"fpt\\.sha256\":\"([0-9a-f]{64})\"");

    private SafetensorsBytes() {
    }

    /** The header text, or null when the framing itself is broken. */
    static String header(byte[] file) {
        if (file.length < 8) {
            return null;
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n < 0 || n > file.length - 8 ? null : new String(file, 8, (int) n, StandardCharsets.UTF_8);
    }

    /** {@code file} with its header replaced by {@code header} (padded to 8 bytes) and the length updated. */
    static byte[] withHeader(byte[] file, String header) {
        long oldLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] json = header.stripTrailing().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] data = Arrays.copyOfRange(file, (int) (8 + oldLength), file.length);
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        return out.put(data).array();
    }

    /** The checkpoint with its content checksum recomputed, as a forger (or a careless tool) would. */
    static byte[] resign(byte[] file) throws Exception {
        String header = header(file);
        Matcher m = header == null ? null : SHA.matcher(header);
        if (m == null || !m.find()) {
            return file;
        }
        byte[] out = file.clone();
        int at = 8 + header.substring(0, m.start(1)).getBytes(StandardCharsets.UTF_8).length;
        Arrays.fill(out, at, at + 64, (byte) '0');
        byte[] sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sha, 0, out, at, 64);
        return out;
    }
}
