package org.fpt.train;

/**
 * How to train: the paper's defaults are Adam at lr 1e-3 and gradient clipping at global norm 1.0.
 * {@code evalEvery} steps (and at the end) the model is evaluated on the held-out split.
 */
public record TrainingConfig(int steps, int batchSize, float learningRate, long seed, float clipNorm, int evalEvery, int evalBatchSize) {
    public TrainingConfig {
        require(steps > 0, "steps must be > 0, got " + steps);
        require(batchSize > 0, "batch size must be > 0, got " + batchSize);
        require(learningRate > 0, "learning rate must be > 0, got " + learningRate);
        require(evalEvery > 0, "eval-every must be > 0, got " + evalEvery);
        require(evalBatchSize > 0, "eval batch size must be > 0, got " + evalBatchSize);
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
