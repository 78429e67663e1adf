package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our Adam against DJL's (MXNet's fused adam_update) on the same weights and gradients. */
class AdamTest {
    @Test
    void matchesDjlAdamOverManySteps() {
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            Random random = new Random(1);
            float[] initial = new float[257];
            for (int i = 0; i < initial.length; i++) {
                initial[i] = (float) random.nextGaussian();
            }
            NDArray ours = manager.create(initial);
            NDArray theirs = manager.create(initial);
            Adam adam = new Adam(1e-3f);
            Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            for (int step = 0; step < 50; step++) {
                float[] g = new float[initial.length];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (random.nextGaussian() * (i % 7 == 0 ? 1e-3 : 1.0)); // tiny and normal gradients
                }
                try (NDManager stepManager = manager.newSubManager()) {
                    adam.beginStep();
                    adam.update("w", ours, stepManager.create(g));
                    djl.update("w", theirs, stepManager.create(g));
                }
            }
            float[] a = ours.toFloatArray();
            float[] b = theirs.toFloatArray();
            float[] start = initial;
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("weight %d moved", i).isNotEqualTo(start[i]);
                assertThat(a[i]).as("weight %d", i).isEqualTo(b[i]); // the same fused op, the same arithmetic
            }
            assertThat(adam.steps()).isEqualTo(50);
        }
    }
}
