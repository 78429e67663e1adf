package org.fpt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The GELUs against their closed forms in double precision, values and gradients. */
class ActivationsTest {
    private static final float[] XS = {-8f, -3.5f, -1f, -0.25f, 0f, 1e-3f, 0.5f, 1f, 2.25f, 6f, 12f};
    private static final double C = Math.sqrt(2 / Math.PI);

    @Test
    void geluTanhMatchesGpt2sFormulaAndItsDerivative() {
        DoubleUnaryOperator tanh = v -> Math.tanh(C * (v + 0.044715 * v * v * v));
        assertMatchesClosedForm(Activations::geluTanh,
                v -> 0.5 * v * (1 + tanh.applyAsDouble(v)),
                v -> {
                    double t = tanh.applyAsDouble(v);
                    return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * C * (1 + 3 * 0.044715 * v * v);
                });
    }

    @Test
    void geluErfMatchesBertsFormulaAndItsDerivative() {
        assertMatchesClosedForm(Activations::geluErf,
                v -> 0.5 * v * (1 + erf(v / Math.sqrt(2))),
                v -> 0.5 * (1 + erf(v / Math.sqrt(2))) + v * Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI));
    }

    private static void assertMatchesClosedForm(UnaryOperator<NDArray> gelu, DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            NDArray x = manager.create(XS, new Shape(XS.length));
            x.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
                NDArray out = gelu.apply(x);
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            float[] dy = x.getGradient().toFloatArray();
            for (int i = 0; i < XS.length; i++) {
                double v = XS[i];
                double expected = value.applyAsDouble(v);
                double slope = derivative.applyAsDouble(v);
                assertThat((double) y[i]).as("gelu(%s)", v).isCloseTo(expected, within(2e-6 * Math.max(1, Math.abs(expected))));
                assertThat((double) dy[i]).as("gelu'(%s)", v).isCloseTo(slope, within(2e-6 * Math.max(1, Math.abs(slope))));
            }
        }
    }

    /** erf in double precision (Abramowitz-Stegun 7.1.26 is too coarse here): the series / continued fraction. */
    private static double erf(double x) {
        double ax = Math.abs(x);
        double result;
        if (ax < 3) {
            // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 60; n++) {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc's continued fraction, converges fast for |x| >= 3
            double f = 0;
            for (int k = 60; k >= 1; k--) {
                f = k / 2.0 / (ax + f);
            }
            result = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return Math.copySign(result, x);
    }
}
