package org.fpt.train;

import java.util.List;
import org.fpt.spi.Task.Split;

/** Hooks for progress display and metric logs; every method is optional. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    default void onStart(int steps) {
    }

    /** Before {@link #onStart}, when the run continues from a checkpoint: steps {@code 1..doneSteps} are done. */
    default void onResume(int doneSteps) {
    }

    default void onStep(int step, float loss) {
    }

    /** After each evaluation batch: examples done of total, running mean loss and accuracy. */
    default void onEvaluationProgress(Split split, int done, int total, float loss, double accuracy) {
    }

    default void onEvaluation(int step, Evaluation evaluation) {
    }

    /** Training is over; {@code result.test()} is the final test evaluation. */
    default void onFinish(TrainingResult result) {
    }

    /** One listener that forwards every event to each of {@code listeners}, in order. */
    static TrainingListener all(TrainingListener... listeners) {
        List<TrainingListener> each = List.of(listeners);
        return new TrainingListener() {
            @Override
            public void onStart(int steps) {
                each.forEach(l -> l.onStart(steps));
            }

            @Override
            public void onResume(int doneSteps) {
                each.forEach(l -> l.onResume(doneSteps));
            }

            @Override
            public void onStep(int step, float loss) {
                each.forEach(l -> l.onStep(step, loss));
            }

            @Override
            public void onEvaluationProgress(Split split, int done, int total, float loss, double accuracy) {
                each.forEach(l -> l.onEvaluationProgress(split, done, total, loss, accuracy));
            }

            @Override
            public void onEvaluation(int step, Evaluation evaluation) {
                each.forEach(l -> l.onEvaluation(step, evaluation));
            }

            @Override
            public void onFinish(TrainingResult result) {
                each.forEach(l -> l.onFinish(result));
            }
        };
    }
}
