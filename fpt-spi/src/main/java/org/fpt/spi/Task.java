package org.fpt.spi;

import java.util.Random;

/**
 * A modality's data in the engine-agnostic form the host feeds to the model. Training batches are
 * sampled; evaluation walks a whole split in order, so accuracy is over every example.
 */
public interface Task {
    InputSpec input();

    OutputSpec output();

    /** A training batch drawn with {@code rng} (the host owns the seed, so runs are reproducible). */
    Batch trainBatch(int batchSize, Random rng);

    /** Number of examples in {@code split}; 0 when the task has no such split. */
    int size(Split split);

    /** Examples {@code [from, to)} of {@code split}, in a fixed order. */
    Batch batch(Split split, int from, int to);

    /** Which {@link ModalityAdapter} embeds this task's input; by default from the input's kind. */
    default String inputAdapter() {
        return input().isTokenIds() ? "embedding" : "linear";
    }

    enum Split { TRAIN, VALIDATION, TEST }
}
