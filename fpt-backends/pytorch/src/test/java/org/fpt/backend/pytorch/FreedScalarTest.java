package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.fpt.model.Scalars;
import org.junit.jupiter.api.Test;

/**
 * The trap the trainer guards against (its {@code CollectionDuringBackward}), on DJL's PyTorch engine: the number
 * of {@code x.mul(0.5f)} sits in a Java direct buffer that DJL lets go right after the product, while the
 * product's backward pass reads it again. A garbage collection in between frees it, and the gradient is then
 * computed from freed memory. {@link Scalars#times} keeps the constant in the engine's memory.
 */
class FreedScalarTest {
    @Test
    void djlsProductWithANumberReadsFreedMemoryAfterACollection() {
        // glibc's malloc writes its free-list pointers into a freed block; jemalloc, say, leaves it intact.
        assumeTrue(System.getenv("LD_PRELOAD") == null, "another allocator is preloaded: freed memory may keep its bytes");
        // If this starts failing under glibc, DJL keeps the number alive now: the trainer's guard and Scalars can go.
        assertThat(gradientWithACollectionBeforeBackward(x -> x.mul(0.5f))).isNotEqualTo(0.5f);
    }

    @Test
    void aProductThroughScalarsSurvivesTheCollection() {
        assertThat(gradientWithACollectionBeforeBackward(x -> Scalars.times(x, 0.5))).isEqualTo(0.5f);
    }

    private static float gradientWithACollectionBeforeBackward(UnaryOperator<NDArray> product) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(new float[] {3f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = product.apply(x).sum();
                DirectBuffers.collectAndFree();
                collector.backward(y);
            }
            return x.getGradient().getFloat();
        }
    }
}
