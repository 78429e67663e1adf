package org.fpt.train;

/** Hooks for progress display and metric logs; every method is optional. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    default void onStart(int steps) {
    }

    default void onStep(int step, float loss) {
    }

    default void onEvaluation(int step, Evaluation evaluation) {
    }
}
