package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.fpt.model.Activations;
import org.fpt.plugin.Plugins;
import org.junit.jupiter.api.Test;

/**
 * Opening the pytorch backend gives GPT-2's GELU libtorch's fused kernel; it computes the same function as the
 * composed one (which core's ActivationsTest checks against the closed form), values and gradients.
 */
class FusedGeluTest {
    private static final float[] XS = {-8f, -3.5f, -1f, -0.25f, 0f, 1e-3f, 0.5f, 1f, 2.25f, 6f, 12f};

    @Test
    void fusedGeluTanhEqualsTheComposedOneForwardAndBackward() {
        Engine engine = Plugins.load(FusedGeluTest.class.getClassLoader()).backends().get("pytorch").open();
        float[][] fused = valueAndGradient(engine, Activations::geluTanh);
        float[][] composed = valueAndGradient(engine, Activations::composedGeluTanh);
        for (int i = 0; i < XS.length; i++) {
            assertThat(fused[0][i]).as("gelu(%s)", XS[i]).isCloseTo(composed[0][i], within(2e-6f * Math.max(1, Math.abs(composed[0][i]))));
            assertThat(fused[1][i]).as("gelu'(%s)", XS[i]).isCloseTo(composed[1][i], within(2e-6f * Math.max(1, Math.abs(composed[1][i]))));
        }
    }

    private static float[][] valueAndGradient(Engine engine, UnaryOperator<NDArray> gelu) {
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(XS);
            x.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray out = gelu.apply(x);
                y = out.toFloatArray();
                collector.backward(out.sum());
            }
            return new float[][] {y, x.getGradient().toFloatArray()};
        }
    }
}
