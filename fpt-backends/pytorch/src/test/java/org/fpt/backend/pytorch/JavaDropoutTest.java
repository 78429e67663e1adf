package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.fpt.model.Dropouts;
import org.junit.jupiter.api.Test;

/**
 * Our dropout on PyTorch draws its masks in Java: it must drop the right share, scale the rest so the mean is
 * kept, follow the seed, pass gradients through the same mask, and do nothing outside training.
 */
class JavaDropoutTest {
    private static final Engine ENGINE = Engine.getEngine("PyTorch");

    @Test
    void dropsTheRateAndKeepsTheMean() {
        try (NDManager manager = ENGINE.newBaseManager()) {
            Dropouts.seed(7);
            float[] y = Dropouts.dropout(manager.ones(new Shape(1000, 1000)), 0.1f, true).toFloatArray();
            long zeros = 0;
            double sum = 0;
            for (float v : y) {
                zeros += v == 0f ? 1 : 0;
                sum += v;
                assertThat(v == 0f || v == 1f / 0.9f).as("an element is 0 or 1 / (1 - rate)").isTrue();
            }
            // 10^6 draws: the share's standard deviation is 3e-4, so 3e-3 is 10 of them
            assertThat(zeros / 1e6).isCloseTo(0.1, within(3e-3));
            assertThat(sum / 1e6).isCloseTo(1.0, within(3e-3));
        }
    }

    @Test
    void followsTheSeedAndNothingHappensOutsideTraining() {
        try (NDManager manager = ENGINE.newBaseManager()) {
            NDArray x = manager.ones(new Shape(64, 33)); // not a multiple of 4 elements per draw
            Dropouts.seed(3);
            float[] first = Dropouts.dropout(x, 0.5f, true).toFloatArray();
            Dropouts.seed(3);
            float[] again = Dropouts.dropout(x, 0.5f, true).toFloatArray();
            Dropouts.seed(4);
            float[] other = Dropouts.dropout(x, 0.5f, true).toFloatArray();
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
            assertThat(Dropouts.dropout(x, 0.5f, false)).isSameAs(x);
        }
    }

    @Test
    void theGradientGoesThroughTheSameMask() {
        try (NDManager manager = ENGINE.newBaseManager()) {
            NDArray x = manager.ones(new Shape(50, 40));
            x.setRequiresGradient(true);
            Dropouts.seed(11);
            float[] y;
            try (GradientCollector collector = ENGINE.newGradientCollector()) {
                NDArray out = Dropouts.dropout(x, 0.2f, true);
                y = out.toFloatArray();
                DirectBuffers.collectAndFree(); // the mask wraps a Java buffer: it must outlive a collection
                collector.backward(out.sum());
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(y); // d(sum(x * mask))/dx = mask, and x = 1
        }
    }
}
