package org.fpt.train;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;

/**
 * Random inputs ({@code tokens} vectors of {@code inputDim} values) and labels ({@code classes}): for timing,
 * where the data does not matter, only the shapes. The test split is one fixed batch of {@code batch}, so
 * inference always sees the same arrays.
 */
public final class SyntheticTask implements Task {
    private final int tokens;
    private final int inputDim;
    private final int classes;
    private final Batch fixed;

    public SyntheticTask(int batch, int tokens, int inputDim, int classes, long seed) {
        this.tokens = tokens;
        this.inputDim = inputDim;
        this.classes = classes;
        this.fixed = draw(batch, new Random(seed));
    }

    @Override
    public InputSpec input() {
        return InputSpec.values(tokens, inputDim);
    }

    @Override
    public OutputSpec output() {
        return OutputSpec.classifier(classes);
    }

    @Override
    public Batch trainBatch(int batchSize, Random rng) {
        return draw(batchSize, rng);
    }

    @Override
    public int size(Split split) {
        return split == Split.TEST ? fixed.size() : 0;
    }

    @Override
    public Batch batch(Split split, int from, int to) {
        if (split != Split.TEST || from != 0 || to != fixed.size()) {
            throw new IllegalArgumentException("The synthetic task has one test batch of " + fixed.size());
        }
        return fixed;
    }

    public Batch fixedBatch() {
        return fixed;
    }

    private Batch draw(int count, Random rng) {
        float[] values = new float[count * tokens * inputDim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return Batch.ofValues(count, tokens, values, labels);
    }
}
