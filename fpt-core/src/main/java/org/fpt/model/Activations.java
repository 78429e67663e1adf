package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The two GELUs the model families use; they differ by ~1e-3, enough to break parity if swapped. An engine
 * with its own fused tanh GELU gets it from its backend ({@link #useFusedGeluTanh}); the rest compose it.
 */
public final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final Map<String, UnaryOperator<NDArray>> FUSED_GELU_TANH = new ConcurrentHashMap<>();

    private Activations() {
    }

    /**
     * From now on {@link #geluTanh} runs {@code kernel} on arrays of engine {@code engineName}: a backend's fused
     * op (one pass forward and one backward instead of six), which must compute the same function.
     */
    public static void useFusedGeluTanh(String engineName, UnaryOperator<NDArray> kernel) {
        FUSED_GELU_TANH.put(engineName, kernel);
    }

    /** GPT-2's tanh approximation ("gelu_new"): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    public static NDArray geluTanh(NDArray x) {
        UnaryOperator<NDArray> fused = FUSED_GELU_TANH.get(x.getManager().getEngine().getEngineName());
        return fused != null ? fused.apply(x) : composedGeluTanh(x);
    }

    /** {@link #geluTanh} from the engine's element-wise ops. */
    public static NDArray composedGeluTanh(NDArray x) {
        // Computed as x * sigmoid(x * (2c + 2c * 0.044715 x^2)), c = sqrt(2/pi), since 0.5 (1 + tanh(u)) =
        // sigmoid(2u): six element-wise ops instead of nine (each one a pass over [B, T, 4C] forward and
        // backward), with MXNet's vectorised sigmoid. No in-place ops: autograd refuses them while recording.
        NDArray z = Scalars.times(x.mul(x), 2 * SQRT_2_OVER_PI * 0.044715).add(2 * SQRT_2_OVER_PI).mul(x);
        return Activation.sigmoid(z).mul(x);
    }

    /** BERT's exact GELU: 0.5 x (1 + erf(x / sqrt(2))). */
    public static NDArray geluErf(NDArray x) {
        // The engine's fused GELU (MXNet LeakyReLU act_type=gelu, torch gelu): the erf form, one op with its
        // own backward instead of five; ActivationsTest checks it against the closed form.
        return Activation.gelu(x);
    }
}
