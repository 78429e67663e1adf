package org.fpt.bodies.bert.tf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TensorFlow's immutable key-value table ({@code tensorflow/core/lib/io/table}, LevelDB's SSTable), the
 * format of a checkpoint's {@code variables.index}: uncompressed blocks of prefix-compressed entries, an
 * index block of block handles, a 48-byte footer ending in a magic number.
 */
final class TfTable {
    private static final long MAGIC = 0xdb4775248b80fb57L;
    private static final int FOOTER = 48;
    private static final int TRAILER = 5; // compression type byte + crc32c after each block

    private TfTable() {
    }

    /** Every entry, in key order; {@code origin} names the file in errors. */
    static Map<String, byte[]> read(byte[] file, String origin) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < FOOTER || all.getLong(file.length - 8) != MAGIC) {
            throw new IOException(origin + " is not a TensorFlow table (no magic number in its last 8 bytes)");
        }
        ByteBuffer footer = slice(all, file.length - FOOTER, FOOTER);
        readVarint(footer);                   // metaindex handle: unused by bundles
        readVarint(footer);
        long indexOffset = readVarint(footer);
        long indexSize = readVarint(footer);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (byte[] handle : block(all, indexOffset, indexSize, origin).values()) {
            ByteBuffer h = ByteBuffer.wrap(handle);
            long offset = readVarint(h);
            long size = readVarint(h);
            entries.putAll(block(all, offset, size, origin));
        }
        return entries;
    }

    /** The entries of one block: {@code shared, nonShared, valueLength (varints), key suffix, value}. */
    private static Map<String, byte[]> block(ByteBuffer file, long offset, long size, String origin) throws IOException {
        if (offset < 0 || offset + size + TRAILER > file.limit()) {
            throw new IOException(origin + ": block at " + offset + " (+" + size + " bytes) lies outside the file");
        }
        int compression = file.get((int) (offset + size));
        if (compression != 0) {
            throw new IOException(origin + ": block at " + offset + " is compressed (type " + compression + "); only uncompressed tables are supported");
        }
        ByteBuffer block = slice(file, (int) offset, (int) size);
        int restarts = block.getInt((int) size - 4);
        int end = (int) size - 4 - 4 * restarts;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] key = new byte[0];
        while (block.position() < end) {
            int shared = (int) readVarint(block);
            int nonShared = (int) readVarint(block);
            int valueLength = (int) readVarint(block);
            byte[] next = new byte[shared + nonShared];
            System.arraycopy(key, 0, next, 0, shared);
            block.get(next, shared, nonShared);
            byte[] value = new byte[valueLength];
            block.get(value);
            key = next;
            entries.put(new String(key, java.nio.charset.StandardCharsets.UTF_8), value);
        }
        return entries;
    }

    private static ByteBuffer slice(ByteBuffer file, int offset, int length) {
        return file.duplicate().position(offset).limit(offset + length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static long readVarint(ByteBuffer b) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b.get();
            value |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes");
    }
}
