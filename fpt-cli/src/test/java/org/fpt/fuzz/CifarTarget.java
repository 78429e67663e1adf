package org.fpt.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fpt.tasks.Cifar10Task;

/** CIFAR-10's binary batches (records of a label byte and 3072 pixels) through the cifar10 task. */
final class CifarTarget extends TaskTarget {
    private static final int RECORD = 3073;

    CifarTarget() {
        super("CIFAR-10 binary", new Cifar10Task(), Map.of("validation-size", "1"), false);
    }


    @Override
    List<Path> seed(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            files.add(Files.write(dir.resolve("data_batch_" + b + ".bin"), records(3, b)));
        }
        files.add(Files.write(dir.resolve("test_batch.bin"), records(3, 0)));
        return files;
    }

    private static byte[] records(int n, int first) {
        byte[] bytes = new byte[n * RECORD];
        for (int i = 0; i < n; i++) {
            bytes[i * RECORD] = (byte) ((first + i) % 10);
            for (int k = 1; k < RECORD; k++) {
                bytes[i * RECORD + k] = (byte) (i + k);
            }
        }
        return bytes;
    }

    /** A record's label byte set to an edge value. */
    @Override
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) {
        int record = rng.nextInt(valid.length / RECORD);
        return Mutations.integer(valid, record * RECORD, 1, java.nio.ByteOrder.BIG_ENDIAN, rng);
    }


    /** 600 MB of zeros (valid records, label 0), gzipped. */
    @Override
    byte[] bomb(Path file, byte[] valid) throws Exception {
        return gzipBomb(new byte[0], new byte[RECORD], 600L << 20, new byte[0]);
    }
}
