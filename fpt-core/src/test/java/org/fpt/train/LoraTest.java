package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.gpt2.Gpt2Source;
import org.fpt.model.Dense;
import org.fpt.model.LowRankAdapters;
import org.fpt.model.Readout;
import org.fpt.policies.LoraPolicy;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.junit.jupiter.api.Test;

class LoraTest {
    @Test
    void baseWeightsStayBitIdenticalWhileAdaptersMoveAndMergingKeepsTheFunction() {
        try (FptTrainer trainer = FreezingTest.trainer(Gpt2Config.tiny(), new LoraPolicy(4, 8))) {
            Map<String, float[]> before = snapshot(trainer);
            Random rng = new Random(3);
            for (int i = 0; i < 10; i++) {
                trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
            }
            Map<String, float[]> after = snapshot(trainer);
            for (String path : before.keySet()) {
                boolean attention = path.matches("body\\.h\\.\\d+\\.attn\\..*");
                if (attention && Dense.isAdapter(path.substring(path.lastIndexOf('.') + 1))) {
                    assertThat(after.get(path)).as("%s moved", path).isNotEqualTo(before.get(path));
                } else if (attention || path.contains(".mlp.")) {
                    assertThat(after.get(path)).as("%s frozen", path).isEqualTo(before.get(path));
                }
            }

            Batch batch = ToyTask.INSTANCE.trainBatch(16, new Random(9));
            float[] unmerged = logits(trainer, batch);
            LowRankAdapters.merge(trainer.model());
            float[] merged = logits(trainer, batch);
            float[] mergedWeight = trainer.parameters().entrySet().stream()
                    .filter(e -> e.getKey().dotted().equals("body.h.0.attn.c_attn.weight")).findFirst().orElseThrow()
                    .getValue().getArray().toFloatArray();
            assertThat(mergedWeight).as("merging changes the weight").isNotEqualTo(before.get("body.h.0.attn.c_attn.weight"));
            assertThat(maxAbsDiff(merged, unmerged)).isLessThan(1e-5f);
        }
    }

    @Test
    void pretrainedBodiesLoadTheirCheckpointAndKeepAdaptersAtInit() {
        Engine.getEngine("MXNet");
        Body gpt2 = new Gpt2Source().create("src/test/resources/gpt2-fixture", Init.PRETRAINED);
        try (FptTrainer trainer = new FptTrainer(ToyTask.INSTANCE, gpt2, new LinearAdapter(), new LoraPolicy(2, 4),
                Readout.LAST, TrainingConfig.defaults(10, 8, 7), Device.cpu(), "MXNet")) {
            Map<String, float[]> values = snapshot(trainer);
            assertThat(values.get("body.h.0.attn.c_attn.lora_b")).containsOnly(0f);
            assertThat(values.get("body.h.0.attn.c_attn.weight")).as("loaded, not the init").isNotEqualTo(
                    new float[values.get("body.h.0.attn.c_attn.weight").length]);
        }
    }

    private static float[] logits(FptTrainer trainer, Batch batch) {
        BatchArrays arrays = new BatchArrays(ToyTask.INSTANCE.input(), ToyTask.INSTANCE.output(), Readout.LAST);
        try (NDManager manager = trainer.model().getParameters().get(0).getValue().getArray().getManager().newSubManager()) {
            NDList inputs = arrays.inputs(manager, batch);
            return trainer.model().forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().toFloatArray();
        }
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static Map<String, float[]> snapshot(FptTrainer trainer) {
        Map<String, float[]> values = new LinkedHashMap<>();
        trainer.parameters().forEach((path, p) -> values.put(path.dotted(), p.getArray().toFloatArray()));
        return values;
    }
}
