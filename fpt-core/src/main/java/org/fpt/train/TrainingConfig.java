package org.fpt.train;

/**
 * How to train: the paper's defaults are Adam at lr 1e-3 and gradient clipping at global norm 1.0.
 * {@code evalEvery} steps (and at the end) the model is evaluated on the held-out split. A step's batch goes through
 * the model in pieces of at most {@code microBatchSize} examples whose gradients add up to the batch's (the same
 * update in less memory: activations are held for one piece at a time); by default the whole batch at once.
 */
public record TrainingConfig(int steps, int batchSize, float learningRate, long seed, float clipNorm, int evalEvery, int evalBatchSize,
                             int microBatchSize) {
    /** More steps than anyone trains, and far from where a step counter would overflow. */
    public static final int MAX_STEPS = 1_000_000_000;
    /** A batch larger than this is a typo (and its arrays would not fit in memory on any machine this runs on). */
    public static final int MAX_BATCH_SIZE = 1 << 20;

    public TrainingConfig {
        require(steps > 0 && steps <= MAX_STEPS, "steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        require(batchSize > 0 && batchSize <= MAX_BATCH_SIZE, "batch size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        require(learningRate > 0 && Float.isFinite(learningRate), "learning rate must be a positive finite number, got " + learningRate);
        require(clipNorm > 0 && Float.isFinite(clipNorm), "clip norm must be a positive finite number, got " + clipNorm);
        require(evalEvery > 0, "eval-every must be > 0, got " + evalEvery);
        require(evalBatchSize > 0 && evalBatchSize <= MAX_BATCH_SIZE,
                "eval batch size must be between 1 and " + MAX_BATCH_SIZE + ", got " + evalBatchSize);
        require(microBatchSize > 0 && microBatchSize <= batchSize,
                "micro-batch size must be between 1 and the batch size " + batchSize + ", got " + microBatchSize);
    }

    public static TrainingConfig defaults(int steps, int batchSize, long seed) {
        return new TrainingConfig(steps, batchSize, 1e-3f, seed, 1.0f, Math.max(1, steps / 10), Math.max(batchSize, 64), batchSize);
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(steps, batchSize, lr, seed, clipNorm, evalEvery, evalBatchSize, microBatchSize);
    }

    public TrainingConfig withEvalEvery(int every) {
        return new TrainingConfig(steps, batchSize, learningRate, seed, clipNorm, every, evalBatchSize, microBatchSize);
    }

    /**
     * Pieces of at most {@code size} examples per step; evaluation then goes in batches of {@code size} too, since
     * the memory that asked for pieces would not hold a larger evaluation batch either.
     */
    public TrainingConfig withMicroBatchSize(int size) {
        return size == batchSize ? this : new TrainingConfig(steps, batchSize, learningRate, seed, clipNorm, evalEvery, size, size);
    }

    /**
     * Evaluation in batches of {@code size}: it changes no trained weight, only the evaluation's memory and speed (the
     * default of at least 64 holds four times a batch of 16's attention arrays, too much at 512 tokens and more).
     */
    public TrainingConfig withEvalBatchSize(int size) {
        return new TrainingConfig(steps, batchSize, learningRate, seed, clipNorm, evalEvery, size, microBatchSize);
    }

    /** Whether a step's batch goes through the model in more than one piece. */
    public boolean splitsBatches() {
        return microBatchSize < batchSize;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
