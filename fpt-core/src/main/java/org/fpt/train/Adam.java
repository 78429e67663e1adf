package org.fpt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with state we own, so a checkpoint can save it and a resumed run continues bit-for-bit (DJL's Adam
 * keeps its moments private). The update rule is DJL's (MXNet's {@code adam_update}), no weight decay:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   w = w - lr_t m / (sqrt(v) + eps),   lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)
 * </pre>
 *
 * Moments live in the parameters' manager and are updated in place.
 */
public final class Adam {
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private int steps;

    public Adam(float learningRate) {
        this.learningRate = learningRate;
    }

    /** Number of updates applied so far ({@code t} of the bias correction). */
    public int steps() {
        return steps;
    }

    /** Begins update {@code t = steps() + 1}; call {@link #update} for each parameter after it. */
    public void beginStep() {
        steps++;
    }

    /** Applies the current step's update to {@code weight} in place; {@code name} keys its moments. */
    public void update(String name, NDArray weight, NDArray gradient) {
        NDArray m = means.computeIfAbsent(name, k -> weight.zerosLike());
        NDArray v = variances.computeIfAbsent(name, k -> weight.zerosLike());
        // The bias-corrected rate in DJL's arithmetic; then the engine's fused update (MXNet's adam_update):
        // one pass over weight, gradient and moments, in place, instead of a dozen element-wise ops.
        double coef1 = 1 - Math.pow(BETA1, steps);
        double coef2 = 1 - Math.pow(BETA2, steps);
        float rate = (float) (learningRate * Math.sqrt(coef2) / coef1);
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, m, v), new NDList(weight), learningRate, rate,
                0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
    }

    /** The moments by parameter name, for checkpoints. */
    public Map<String, NDArray> means() {
        return Map.copyOf(means);
    }

    public Map<String, NDArray> variances() {
        return Map.copyOf(variances);
    }

    /** Restores the state saved by a checkpoint: moments (copied into {@code manager}) and the step count. */
    public void restore(int steps, Map<String, float[]> means, Map<String, float[]> variances, Map<String, NDArray> weights, NDManager manager) {
        this.steps = steps;
        this.means.clear();
        this.variances.clear();
        weights.forEach((name, weight) -> {
            float[] m = means.get(name);
            float[] v = variances.get(name);
            if (m == null || v == null) {
                throw new IllegalArgumentException("Optimizer state for parameter '" + name + "' is missing");
            }
            this.means.put(name, manager.create(m, weight.getShape()));
            this.variances.put(name, manager.create(v, weight.getShape()));
        });
    }
}
