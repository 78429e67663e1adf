package org.fpt.tasks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The chunk structure of a PNG file: every chunk whole and matching its CRC, the last one {@code IEND}.
 * ImageIO's reader checks neither, so a PNG cut after its pixel data or with a damaged chunk would decode
 * without a word; this check turns both into an error naming the file. (JPEG has no checksums; its
 * reader's warnings, e.g. a missing end marker, are errors instead.)
 */
final class PngChunks {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static boolean isPng(byte[] bytes) {
        return startsWith(bytes, SIGNATURE);
    }

    static void check(Path file, byte[] bytes) {
        int at = SIGNATURE.length;
        while (true) {
            if (bytes.length - at < 12) {
                throw new DataFileException(file, "is a truncated PNG: it ends at byte " + bytes.length + " without an IEND chunk");
            }
            long length = readInt(bytes, at) & 0xffffffffL;
            String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > bytes.length - at - 12L) {
                throw new DataFileException(file, "is a truncated PNG: chunk " + type + " at offset " + at + " declares " + length
                        + " data bytes, but only " + Math.max(0, bytes.length - at - 12) + " follow");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, at + 4, 4 + (int) length);
            long stored = readInt(bytes, at + 8 + (int) length) & 0xffffffffL;
            if (crc.getValue() != stored) {
                throw new DataFileException(file, "is a damaged PNG: chunk " + type + " at offset " + at + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            at += 12 + (int) length;
        }
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }
}
