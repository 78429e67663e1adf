package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;
import org.junit.jupiter.api.Test;

class FreezingTest {
    @Test
    void fptPolicyKeepsFrozenWeightsBitIdenticalAndMovesTrainableOnes() {
        try (FptTrainer trainer = trainer(Gpt2Config.tiny(), new FptPolicy())) {
            Map<ParameterPath, float[]> before = snapshot(trainer);
            Random rng = new Random(3);
            for (int i = 0; i < 10; i++) {
                trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
            }
            Map<ParameterPath, float[]> after = snapshot(trainer);
            before.forEach((path, initial) -> {
                Parameter parameter = trainer.parameters().get(path);
                boolean trainable = parameter.requiresGradient();
                assertThat(trainable).as("%s trains", path).isEqualTo(new FptPolicy().trains(path));
                if (trainable) {
                    assertThat(after.get(path)).as("%s moved", path).isNotEqualTo(initial);
                } else {
                    assertThat(after.get(path)).as("%s frozen", path).isEqualTo(initial);
                }
            });
            assertThat(before.keySet()).filteredOn(p -> p.role() == Role.ATTENTION).isNotEmpty();
        }
    }

    @Test
    void trainableCountForGpt2SmallOnBitXorMatchesTheFormula() {
        Gpt2Config gpt2 = Gpt2Config.gpt2();
        try (FptTrainer trainer = trainer(gpt2, new FptPolicy())) {
            long d = gpt2.nEmbd();
            long in = ToyTask.BITS * d + d;                      // input layer: 5 bits per token -> d
            long out = d * (ToyTask.BITS * 2) + ToyTask.BITS * 2; // head: 5 bits x 2 classes
            long wpe = (long) gpt2.nPositions() * d;
            long layerNorms = (2L * gpt2.nLayer() + 1) * 2 * d;  // ln_1, ln_2 per block, ln_f; weight + bias
            assertThat(trainer.trainableParams()).isEqualTo(in + out + wpe + layerNorms).isEqualTo(837_130L);
            assertThat(trainer.totalParams()).isEqualTo(gpt2.parameterCount() + in + out);
        }
    }

    @Test
    void memoryStaysFlatAcrossSteps() throws Exception {
        try (FptTrainer trainer = trainer(Gpt2Config.tiny(), new FptPolicy())) {
            Random rng = new Random(5);
            for (int i = 0; i < 5; i++) {
                trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
            }
            trainer.evaluate(org.fpt.spi.Task.Split.TEST);
            int warm = liveArrays(trainer);
            for (int i = 0; i < 40; i++) {
                trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
            }
            trainer.evaluate(org.fpt.spi.Task.Split.TEST);
            assertThat(liveArrays(trainer)).isEqualTo(warm);
        }
    }

    private static int liveArrays(FptTrainer trainer) throws Exception {
        NDManager manager = trainer.model().getParameters().get(0).getValue().getArray().getManager();
        Field resources = BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return ((Map<?, ?>) resources.get(manager)).size();
    }

    static FptTrainer trainer(Gpt2Config config, org.fpt.spi.FreezingPolicy policy) {
        Engine.getEngine("MXNet");
        return new FptTrainer(ToyTask.INSTANCE, new Gpt2Body(config, "random init"), new LinearAdapter(), policy,
                Readout.LAST, TrainingConfig.defaults(10, 8, 7), Device.cpu(), "MXNet");
    }

    private static Map<ParameterPath, float[]> snapshot(FptTrainer trainer) {
        Map<ParameterPath, float[]> values = new LinkedHashMap<>();
        trainer.parameters().forEach((path, p) -> values.put(path, p.getArray().toFloatArray()));
        return values;
    }
}
