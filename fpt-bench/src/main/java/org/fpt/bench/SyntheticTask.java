package org.fpt.bench;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;

/**
 * Random inputs and labels of a {@link BenchShape}: the data does not matter for speed, only the shapes.
 * The test split is one fixed batch, so inference always sees the same arrays.
 */
final class SyntheticTask implements Task {
    private final BenchShape shape;
    private final Batch fixed;

    SyntheticTask(BenchShape shape, long seed) {
        this.shape = shape;
        this.fixed = draw(shape.batch(), new Random(seed));
    }

    @Override
    public InputSpec input() {
        return InputSpec.values(shape.tokens(), shape.inputDim());
    }

    @Override
    public OutputSpec output() {
        return OutputSpec.classifier(shape.classes());
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

    Batch fixedBatch() {
        return fixed;
    }

    private Batch draw(int count, Random rng) {
        float[] values = new float[count * shape.tokens() * shape.inputDim()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rng.nextInt(shape.classes());
        }
        return Batch.ofValues(count, shape.tokens(), values, labels);
    }
}
