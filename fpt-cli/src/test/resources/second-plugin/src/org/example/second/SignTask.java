package org.example.second;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;

/** Is the sum of a few random values positive? Tiny on purpose: a plugin test trains it in seconds. */
public final class SignTask implements Task {
    static final int TOKENS = 4;
    static final int VALUE_DIM = 3;
    private static final int TEST_SIZE = 16;
    private final Batch test;

    SignTask(long seed) {
        test = sample(TEST_SIZE, new Random(seed ^ 0x5EEDL));
    }

    @Override
    public InputSpec input() {
        return InputSpec.values(TOKENS, VALUE_DIM);
    }

    @Override
    public OutputSpec output() {
        return OutputSpec.classifier(2);
    }

    /** Embedded by this plugin's own two-layer adapter, not the built-in {@code linear}. */
    @Override
    public String inputAdapter() {
        return TwoLayerAdapter.NAME;
    }

    @Override
    public Batch trainBatch(int batchSize, Random rng) {
        return sample(batchSize, rng);
    }

    @Override
    public int size(Split split) {
        return split == Split.TEST ? TEST_SIZE : 0;
    }

    @Override
    public Batch batch(Split split, int from, int to) {
        if (split != Split.TEST || from < 0 || to > TEST_SIZE || from > to) {
            throw new IllegalArgumentException("Task '" + SignTaskFactory.NAME + "' has test examples [0, " + TEST_SIZE
                    + ") only, asked for " + split + " [" + from + ", " + to + ")");
        }
        int size = to - from;
        float[] values = new float[size * TOKENS * VALUE_DIM];
        System.arraycopy(test.values(), from * TOKENS * VALUE_DIM, values, 0, values.length);
        int[] labels = new int[size];
        System.arraycopy(test.labels(), from, labels, 0, size);
        return Batch.ofValues(size, TOKENS, values, labels);
    }

    private static Batch sample(int size, Random rng) {
        int perExample = TOKENS * VALUE_DIM;
        float[] values = new float[size * perExample];
        int[] labels = new int[size];
        for (int example = 0; example < size; example++) {
            float sum = 0;
            for (int i = 0; i < perExample; i++) {
                float value = (float) rng.nextGaussian();
                values[example * perExample + i] = value;
                sum += value;
            }
            labels[example] = sum > 0 ? 1 : 0;
        }
        return Batch.ofValues(size, TOKENS, values, labels);
    }
}
