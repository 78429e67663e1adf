package org.fpt.tasks;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The IDX format of MNIST (and Fashion-MNIST, KMNIST, EMNIST ...): a big-endian magic number
 * {@code 0x0000TTNN} (type {@code TT}, 0x08 = unsigned byte; {@code NN} dimensions), one 32-bit size per
 * dimension, then the data. Raw or gzip. The sizes must account for every byte of the file.
 */
final class IdxReader {
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** An IDX file's dimensions and its data (unsigned bytes). */
    record Idx(Path file, int[] dims, byte[] bytes, int dataOffset) {
        int at(long index) {
            return bytes[(int) (dataOffset + index)] & 0xff;
        }
    }

    static Idx read(Path file, int expectedDims) {
        byte[] bytes = DataFiles.readAll(file);
        if (bytes.length < 4) {
            throw new DataFileException(file, "is " + bytes.length + " bytes long, too short for an IDX header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int magic = in.getInt();
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
        if (magic != expectedMagic) {
            throw new DataFileException(file, String.format(
                    "wrong magic number 0x%08X at offset 0: expected 0x%08X (unsigned-byte IDX with %d dimension%s)",
                    magic, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s"));
        }
        int headerBytes = 4 + 4 * expectedDims;
        if (bytes.length < headerBytes) {
            throw new DataFileException(file, "is truncated: " + bytes.length + " bytes, but its header alone needs " + headerBytes);
        }
        int[] dims = new int[expectedDims];
        long payload = 1;
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = in.getInt();
            if (dims[d] <= 0) {
                throw new DataFileException(file, "dimension " + d + " (at offset " + (4 + 4 * d) + ") is " + dims[d] + ", expected > 0");
            }
            payload *= dims[d];
        }
        long actual = bytes.length - (long) headerBytes;
        if (actual != payload) {
            throw new DataFileException(file, String.format("%s: its header says %s = %d data bytes, but %d follow the %d-byte header",
                    actual < payload ? "is truncated" : "has extra bytes", describe(dims), payload, actual, headerBytes));
        }
        return new Idx(file, dims, bytes, headerBytes);
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
            throw new DataFileException(labelsFile, "has " + labels.dims()[0] + " labels, but " + imagesFile.getFileName()
                    + " has " + count + " images");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = labels.at(i);
            if (values[i] >= classes) {
                throw new DataFileException(labelsFile, "label " + values[i] + " of example " + i + " (offset "
                        + (labels.dataOffset() + i) + ") is outside 0.." + (classes - 1));
            }
        }
        int h = images.dims()[1];
        int w = images.dims()[2];
        byte[] pixels = java.util.Arrays.copyOfRange(images.bytes(), images.dataOffset(), images.bytes().length);
        return new ImageSet(imagesFile.getFileName().toString(), count, 1, h, w, pixels, values);
    }
}
