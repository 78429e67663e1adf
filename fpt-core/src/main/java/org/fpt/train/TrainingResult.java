package org.fpt.train;

import java.util.List;

/**
 * What a run produced: parameter counts, the evaluation history and the final test evaluation, made with the
 * weights of {@code testedStep} (the step selected on validation, or the last one).
 */
public record TrainingResult(long trainableParams, long totalParams, List<Step> history, Evaluation test, int testedStep, double seconds) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** One evaluation point of the learning curve. */
    public record Step(int step, float trainLoss, Evaluation evaluation) {
    }
}
