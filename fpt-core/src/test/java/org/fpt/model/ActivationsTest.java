package org.fpt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The GELUs against their closed forms in double precision, values and gradients. */
class ActivationsTest {
    private static final float[] XS = {-8f, -3.5f, -1f, -0.25f, 0f, 1e-3f, 0.5f, 1f, 2.25f, 6f, 12f};

    @Test
    void geluTanhMatchesGpt2sFormulaAndItsDerivative() {
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            NDArray x = manager.create(XS, new Shape(XS.length));
            x.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
                NDArray out = Activations.geluTanh(x);
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            float[] dy = x.getGradient().toFloatArray();
            double c = Math.sqrt(2 / Math.PI);
            for (int i = 0; i < XS.length; i++) {
                double v = XS[i];
                double inner = c * (v + 0.044715 * v * v * v);
                double tanh = Math.tanh(inner);
                double expected = 0.5 * v * (1 + tanh);
                double derivative = 0.5 * (1 + tanh) + 0.5 * v * (1 - tanh * tanh) * c * (1 + 3 * 0.044715 * v * v);
                assertThat((double) y[i]).as("gelu(%s)", v).isCloseTo(expected, within(2e-6 * Math.max(1, Math.abs(expected))));
                assertThat((double) dy[i]).as("gelu'(%s)", v).isCloseTo(derivative, within(2e-6 * Math.max(1, Math.abs(derivative))));
            }
        }
    }
}
