package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;

/**
 * A task whose examples are read from files and held in memory. Training batches are drawn uniformly with
 * replacement from the train split; evaluation batches are consecutive ranges, so the host's walk over
 * {@link #size} covers every example of a split exactly once.
 */
abstract class StoredTask extends ShapedTask {
    StoredTask(InputSpec input, OutputSpec output) {
        super(input, output);
    }

    /** The examples {@code indices} of {@code split}; {@code augment} is the training rng, {@code null} when evaluating. */
    abstract Batch gather(Split split, int[] indices, Random augment);

    @Override
    public Batch trainBatch(int batchSize, Random rng) {
        int n = size(Split.TRAIN);
        if (n == 0) {
            throw new IllegalStateException("The task has no training examples");
        }
        int[] indices = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            indices[i] = rng.nextInt(n);
        }
        return gather(Split.TRAIN, indices, rng);
    }

    @Override
    public Batch batch(Split split, int from, int to) {
        int n = size(split);
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("Examples [" + from + ", " + to + ") are outside the " + split + " split of " + n);
        }
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return gather(split, indices, null);
    }
}
