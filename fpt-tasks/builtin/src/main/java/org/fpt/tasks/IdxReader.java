package org.fpt.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IDX format of MNIST (and Fashion-MNIST, KMNIST, EMNIST ...): a big-endian magic number
 * {@code 0x0000TTNN} (type {@code TT}, 0x08 = unsigned byte; {@code NN} dimensions), one 32-bit size per
 * dimension, then the data. Raw or gzip. The sizes must account for every byte of the file.
 *
 * <p>The header is read first and decides how much is read after it: the claimed size is computed without
 * overflow, checked against what the file can hold (its size, or 1032 times it for gzip, deflate's best
 * ratio) and against the file's {@link HeapBudget}, and then exactly that many bytes are inflated, plus one
 * to see whether more follow. So a small gzip file that inflates to gigabytes costs at most what its header
 * claims, never the whole bomb.
 */
final class IdxReader {
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** An IDX file's dimensions and its data (unsigned bytes, after the {@code headerBytes}-byte header). */
    record Idx(Path file, int[] dims, byte[] data, int headerBytes) {
        int at(int index) {
            return data[index] & 0xff;
        }
    }

    static Idx read(Path file, int expectedDims) {
        try (InputStream in = DataFiles.open(file)) {
            return read(file, expectedDims, in, Files.size(file), DataFiles.isGzip(file));
        } catch (IOException e) {
            throw DataFiles.unreadable(file, e);
        }
    }

    private static Idx read(Path file, int expectedDims, InputStream in, long fileSize, boolean gzip) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DataFileException(file, "is " + head.length + " bytes long, too short for an IDX header");
        }
        int magic = ByteBuffer.wrap(head).getInt(); // big-endian by default, as IDX is
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
        if (magic != expectedMagic) {
            throw new DataFileException(file, String.format(
                    "wrong magic number 0x%08X at offset 0: expected 0x%08X (unsigned-byte IDX with %d dimension%s)",
                    magic, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s"));
        }
        int headerBytes = 4 + 4 * expectedDims;
        byte[] sizes = in.readNBytes(4 * expectedDims);
        if (sizes.length < 4 * expectedDims) {
            throw new DataFileException(file, "is truncated: " + (4 + sizes.length) + " bytes, but its header alone needs " + headerBytes);
        }
        int[] dims = new int[expectedDims];
        ByteBuffer header = ByteBuffer.wrap(sizes);
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = header.getInt();
            if (dims[d] <= 0) {
                throw new DataFileException(file, "dimension " + d + " (at offset " + (4 + 4 * d) + ") is " + dims[d] + ", expected > 0");
            }
        }
        long payload = payload(file, dims);
        long room = gzip ? DataFiles.MAX_INFLATION * fileSize : fileSize - headerBytes;
        if (payload > room) {
            throw new DataFileException(file, String.format("is truncated: its header says %s = %d data bytes, but a %s file of %d bytes "
                    + "cannot hold them", describe(dims), payload, gzip ? "gzip" : "raw", fileSize));
        }
        if (!gzip && payload < room) {
            throw new DataFileException(file, String.format("has extra bytes: its header says %s = %d data bytes, but %d follow the %d-byte header",
                    describe(dims), payload, room, headerBytes));
        }
        if (payload > DataFiles.MAX_ARRAY) {
            throw new DataFileException(file, "its header says " + describe(dims) + " = " + payload + " data bytes, more than one array holds");
        }
        HeapBudget.forFile(file).charge(payload, "its header's " + describe(dims) + " = " + payload + " data bytes");
        byte[] data = new byte[(int) payload];
        int read = in.readNBytes(data, 0, data.length);
        if (read < payload) {
            throw new DataFileException(file, String.format("is truncated: its header says %s = %d data bytes, but %d follow the %d-byte header",
                    describe(dims), payload, read, headerBytes));
        }
        if (in.read() >= 0) {
            throw new DataFileException(file, String.format("has extra bytes: its header says %s = %d data bytes, but more follow",
                    describe(dims), payload));
        }
        return new Idx(file, dims, data, headerBytes);
    }

    /** The product of the dimensions, or an error naming them when it exceeds what any file holds. */
    private static long payload(Path file, int[] dims) {
        long payload = 1;
        for (int d : dims) {
            try {
                payload = Math.multiplyExact(payload, d);
            } catch (ArithmeticException e) {
                throw new DataFileException(file, "its header says " + describe(dims) + " data bytes, more than 2^63: not an IDX file");
            }
        }
        return payload;
    }

    private static String describe(int[] dims) {
        StringBuilder text = new StringBuilder();
        for (int d : dims) {
            text.append(text.length() == 0 ? "" : " x ").append(d);
        }
        return text.toString();
    }

    /** Images from an {@code idx3} file with their labels from an {@code idx1} file; labels must be below {@code classes}. */
    static ImageSet images(Path imagesFile, Path labelsFile, int classes) {
        Idx images = read(imagesFile, 3);
        Idx labels = read(labelsFile, 1);
        int count = images.dims()[0];
        if (labels.dims()[0] != count) {
            throw new DataFileException(labelsFile, "has " + labels.dims()[0] + " labels, but " + imagesFile + " has " + count + " images");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = labels.at(i);
            if (values[i] >= classes) {
                throw new DataFileException(labelsFile, "label " + values[i] + " of example " + i + " (offset "
                        + (labels.headerBytes() + i) + ") is outside 0.." + (classes - 1));
            }
        }
        return new ImageSet(imagesFile.toString(), count, 1, images.dims()[1], images.dims()[2], images.data(), values);
    }
}
