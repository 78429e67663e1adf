package org.fpt.train;

/**
 * How to train: the paper's defaults are Adam at lr 1e-3 and gradient clipping at global norm 1.0.
 * {@code evalEvery} steps (and at the end) the model is evaluated on the held-out split.
 */
public record TrainingConfig(int steps, int batchSize, float learningRate, long seed, float clipNorm, int evalEvery, int evalBatchSize) {
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
    }

    public static TrainingConfig defaults(int steps, int batchSize, long seed) {
        return new TrainingConfig(steps, batchSize, 1e-3f, seed, 1.0f, Math.max(1, steps / 10), Math.max(batchSize, 64));
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(steps, batchSize, lr, seed, clipNorm, evalEvery, evalBatchSize);
    }

    public TrainingConfig withEvalEvery(int every) {
        return new TrainingConfig(steps, batchSize, learningRate, seed, clipNorm, every, evalBatchSize);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
