package org.fpt.train;

/**
 * A run produced a loss or gradient that is not a finite number (NaN or infinite): every later step would
 * only carry it on, so the run stops and says at which step. The usual causes are a learning rate too high
 * for the model, non-finite weights in the body (a damaged checkpoint or cache), or a plugin's block (an adapter)
 * that computes a NaN.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private final int step;

    public TrainingDivergedException(int step, String what) {
        super(message(step, what));
        this.step = step;
    }

    /** The step at which the run stopped; 0 when the model was only being evaluated. */
    public int step() {
        return step;
    }

    private static String message(int step, String what) {
        String where = step > 0 ? "The run diverged at step " + step : "The evaluation failed";
        return where + ": " + what + " (a learning rate too high for the model, --lr; non-finite weights in the body; or a NaN from"
                + " a plugin's block, such as a task's adapter)";
    }

    /** Throws when {@code value} is NaN or infinite; {@code what} names it ("the training loss"). */
    static void requireFinite(int step, String what, double value) {
        requireFinite(step, what, value, java.util.List.of());
    }

    /** As {@link #requireFinite(int, String, double)}, naming the parameters it arose in (the first five). */
    static void requireFinite(int step, String what, double value, java.util.List<String> in) {
        if (!Double.isFinite(value)) {
            String where = in.isEmpty() ? "" : ", not finite in " + String.join(", ", in.subList(0, Math.min(5, in.size())))
                    + (in.size() > 5 ? " and " + (in.size() - 5) + " more" : "");
            throw new TrainingDivergedException(step, what + " is " + value + where);
        }
    }
}
