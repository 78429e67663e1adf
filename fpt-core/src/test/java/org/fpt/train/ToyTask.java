package org.fpt.train;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;

/** Bit-xor's shapes (2 tokens of 5 bits, 5 binary labels) without its jar: core tests need a task. */
public final class ToyTask implements Task {
    public static final int BITS = 5;
    public static final ToyTask INSTANCE = new ToyTask();
    private final Batch test = trainBatch(64, new Random(11));

    @Override
    public InputSpec input() {
        return InputSpec.values(2, BITS);
    }

    @Override
    public OutputSpec output() {
        return new OutputSpec(1, BITS, 2);
    }

    @Override
    public Batch trainBatch(int batchSize, Random rng) {
        float[] values = new float[batchSize * 2 * BITS];
        int[] labels = new int[batchSize * BITS];
        for (int i = 0; i < batchSize; i++) {
            for (int j = 0; j < BITS; j++) {
                int a = rng.nextInt(2);
                int b = rng.nextInt(2);
                values[i * 2 * BITS + j] = a;
                values[i * 2 * BITS + BITS + j] = b;
                labels[i * BITS + j] = a ^ b;
            }
        }
        return Batch.ofValues(batchSize, 2, values, labels);
    }

    @Override
    public int size(Split split) {
        return split == Split.TEST ? test.size() : 0;
    }

    @Override
    public Batch batch(Split split, int from, int to) {
        return Batch.ofValues(to - from, 2, java.util.Arrays.copyOfRange(test.values(), from * 2 * BITS, to * 2 * BITS),
                java.util.Arrays.copyOfRange(test.labels(), from * BITS, to * BITS));
    }
}
