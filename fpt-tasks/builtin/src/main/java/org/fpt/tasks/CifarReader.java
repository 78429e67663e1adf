package org.fpt.tasks;

import java.nio.file.Path;

/**
 * CIFAR-10's binary version ({@code cifar-10-binary.tar.gz}): records of 1 label byte and 3072 pixel
 * bytes (1024 red, 1024 green, 1024 blue, each 32x32 row-major), 10000 records per file.
 */
final class CifarReader {
    static final int SIDE = 32;
    static final int RECORD = 1 + 3 * SIDE * SIDE;
    static final int CLASSES = 10;

    private CifarReader() {
    }

    static ImageSet read(Path file) {
        byte[] bytes = DataFiles.readAll(file);
        if (bytes.length == 0) {
            throw new DataFileException(file, "is empty; expected records of " + RECORD + " bytes (1 label + 3072 pixels)");
        }
        if (bytes.length % RECORD != 0) {
            int whole = bytes.length / RECORD;
            throw new DataFileException(file, "is truncated or not CIFAR-10 binary: " + bytes.length + " bytes is not a multiple of the "
                    + RECORD + "-byte record; the record at offset " + ((long) whole * RECORD) + " has only " + (bytes.length % RECORD) + " bytes");
        }
        int count = bytes.length / RECORD;
        int[] labels = new int[count];
        byte[] pixels = new byte[count * (RECORD - 1)];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[i * RECORD] & 0xff;
            if (labels[i] >= CLASSES) {
                throw new DataFileException(file, "label " + labels[i] + " of record " + i + " (offset " + ((long) i * RECORD)
                        + ") is outside 0..9: not CIFAR-10 binary (CIFAR-100's records have 2 label bytes)");
            }
            System.arraycopy(bytes, i * RECORD + 1, pixels, i * (RECORD - 1), RECORD - 1);
        }
        return new ImageSet(file.getFileName().toString(), count, 3, SIDE, SIDE, pixels, labels);
    }
}
