package org.fpt.train;

import java.util.List;

/**
 * The end of a run, as printed and written by {@code --summary-json}. Field names are the JSON keys the
 * CLI documents ({@code test_accuracy}, {@code trainable_params}, ...). {@code backend_reason} and
 * {@code precision_reason} say why the run used that backend and precision (asked for, or chosen here and why);
 * {@code tested_step} is the step whose weights {@code test_accuracy} measured: the one selected on validation.
 * {@code recomputed_steps} counts the steps computed again because a garbage collection ran while their gradients
 * were computed (on PyTorch it could have corrupted them; see {@code CollectionDuringBackward}); a resumed run
 * counts from its resume.
 */
public record RunSummary(
        String task,
        String body,
        String init,
        String policy,
        String backend,
        String backend_reason,
        String precision,
        String precision_reason,
        int steps,
        int tested_step,
        double test_accuracy,
        float test_loss,
        long trainable_params,
        long total_params,
        double seconds,
        int recomputed_steps,
        List<Point> curve) {

    /** One evaluation: step, training loss at that step, held-out split, its loss and accuracy. */
    public record Point(int step, float train_loss, String split, float loss, double accuracy) {
    }
}
