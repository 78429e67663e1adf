package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The guard's decisions, with a collection counter the test moves: a step recomputes on PyTorch when a collection
 * ran, never on MXNet, counts each step once, and gives up after {@link CollectionDuringBackward#MAX_ATTEMPTS}.
 */
class CollectionDuringBackwardTest {
    private final AtomicLong collections = new AtomicLong();

    @Test
    void aCollectionDuringTheStepRecomputesItOnPyTorch() {
        CollectionDuringBackward guard = new CollectionDuringBackward("PyTorch", collections::get);
        guard.start(1);
        assertThat(guard.mustRecompute(7, 1)).as("no collection").isFalse();
        guard.start(1);
        collections.incrementAndGet();
        assertThat(guard.mustRecompute(7, 1)).isTrue();
        guard.start(2);
        collections.incrementAndGet();
        assertThat(guard.mustRecompute(7, 2)).isTrue();
        guard.start(3);
        assertThat(guard.mustRecompute(7, 3)).isFalse();
        assertThat(guard.recomputedSteps()).as("step 7, counted once").isEqualTo(1);
    }

    @Test
    void mxnetIsNotGuarded() {
        CollectionDuringBackward guard = new CollectionDuringBackward("MXNet", collections::get);
        guard.start(1);
        collections.incrementAndGet();
        assertThat(guard.mustRecompute(1, 1)).isFalse();
        assertThat(guard.recomputedSteps()).isZero();
    }

    @Test
    void itGivesUpWhenEveryAttemptSawACollection() {
        CollectionDuringBackward guard = new CollectionDuringBackward("PyTorch", collections::get);
        for (int attempt = 1; attempt < CollectionDuringBackward.MAX_ATTEMPTS; attempt++) {
            guard.start(attempt);
            collections.incrementAndGet();
            assertThat(guard.mustRecompute(3, attempt)).isTrue();
        }
        guard.start(CollectionDuringBackward.MAX_ATTEMPTS);
        collections.incrementAndGet();
        assertThatThrownBy(() -> guard.mustRecompute(3, CollectionDuringBackward.MAX_ATTEMPTS))
                .hasMessageStartingWith("Step 3: a garbage collection ran while the gradients were computed in each of 5 attempts")
                .hasMessageContaining("FPT_JAVA_OPTS");
    }
}
