package org.fpt.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fpt.tasks.MnistTask;

/** MNIST's IDX files (images idx3, labels idx1), raw or gzipped, through the mnist task. */
final class IdxTarget extends TaskTarget {
    IdxTarget() {
        super("IDX (mnist)", new MnistTask(), Map.of("validation-size", "2"), false);
    }


    @Override
    List<Path> seed(Path dir) throws Exception {
        return List.of(
                Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {12, 28, 28})),
                Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {12})),
                Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {4, 28, 28})),
                Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {4})));
    }

    /** An unsigned-byte IDX file; values {@code i % 10}, so labels are valid classes. */
    private static byte[] idx(int[] dims) {
        int size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        ByteBuffer out = ByteBuffer.allocate(4 + 4 * dims.length + size);
        out.putInt(0x0800 | dims.length);
        for (int d : dims) {
            out.putInt(d);
        }
        for (int i = 0; i < size; i++) {
            out.put((byte) (i % 10));
        }
        return out.array();
    }

    @Override
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) {
        int fields = 1 + (valid[3] & 0xff);
        int field = rng.nextInt(Math.min(fields, 4));
        return Mutations.integer(valid, 4 * field, rng.nextInt(3) == 0 ? 1 : 4, ByteOrder.BIG_ENDIAN, rng);
    }


    /** The valid header, then 600 MB of zeros, gzipped (about 600 KB). */
    @Override
    byte[] bomb(Path file, byte[] valid) throws Exception {
        int header = 4 + 4 * (valid[3] & 0xff);
        return gzipBomb(Arrays.copyOf(valid, header), new byte[] {0}, 600L << 20, new byte[0]);
    }
}
