package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The two GELUs the model families use; they differ by ~1e-3, enough to break parity if swapped. */
public final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SQRT_2 = Math.sqrt(2);

    private Activations() {
    }

    /** GPT-2's tanh approximation ("gelu_new"): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    public static NDArray geluTanh(NDArray x) {
        // No in-place ops: the engine's autograd refuses them while recording.
        // x * x * x rather than pow(x, 3), and Activation.tanh rather than NDArray.tanh: the same values to
        // within 1 ulp (PyTorch computes pow(x, 3) as x * x * x too), but on MXNet they are the vectorised
        // kernels; pow and the numpy-style tanh took about a quarter of a GPT-2 training step.
        NDArray cube = x.mul(x).mul(x);
        NDArray inner = Activation.tanh(cube.mul(0.044715).add(x).mul(SQRT_2_OVER_PI)).add(1);
        return inner.mul(x).mul(0.5);
    }

    /** BERT's exact GELU: 0.5 x (1 + erf(x / sqrt(2))). */
    public static NDArray geluErf(NDArray x) {
        return x.div(SQRT_2).erf().add(1).mul(x).mul(0.5);
    }
}
