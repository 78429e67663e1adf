package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fpt.train.PeftChecks.PLUGINS;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.fpt.train.FptTrainer;
import org.fpt.train.PeftChecks;
import org.fpt.train.ToyTask;
import org.junit.jupiter.api.Test;

/**
 * LoRA and IA3 on the real pretrained default body (all-MiniLM-L6-v2), selected as users do: every base weight
 * holds the checkpoint's value, stays bit-identical while only the method's parameters and the FPT set move,
 * and merging keeps the function.
 */
class BertPeftTest {
    /** The FPT set on a BERT body: input layer, head, positions (and token type 0), every LayerNorm. */
    static final Predicate<String> BERT_FPT = p -> p.startsWith("in.") || p.startsWith("out.")
            || p.equals("body.embeddings.position_embeddings.weight") || p.equals("body.embeddings.token_type_embeddings.weight")
            || List.of(p.split("\\.")).contains("LayerNorm");

    @Test
    void loraOnPretrainedMiniLm() throws Exception {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, miniLm(), "lora:r=4,alpha=8")) {
            Map<String, float[]> before = PeftChecks.snapshot(trainer);
            assertHoldsTheCheckpoint(trainer, before);
            assertThat(before.keySet()).filteredOn(p -> p.endsWith(".lora_a")).hasSize(6 * 4)
                    .contains("body.encoder.layer.0.attention.self.query.lora_a", "body.encoder.layer.5.attention.output.dense.lora_a");
            assertThat(before.get("body.encoder.layer.2.attention.self.value.lora_b")).hasSize(384 * 4).containsOnly(0f);

            PeftChecks.train(trainer, ToyTask.INSTANCE, 3);
            Map<String, float[]> after = PeftChecks.snapshot(trainer);
            PeftChecks.assertMovedExactly(before, after, BERT_FPT.or(p -> p.endsWith(".lora_a") || p.endsWith(".lora_b")));

            PeftChecks.assertMergeKeepsTheFunction(trainer, ToyTask.INSTANCE, 1e-4f);
            float[] merged = PeftChecks.snapshot(trainer).get("body.encoder.layer.1.attention.self.key.weight");
            float[] expected = PeftChecks.loraMergedWeight(after, "body.encoder.layer.1.attention.self.key", 384, 384, 8f / 4);
            assertThat(PeftChecks.maxAbsDiff(merged, expected)).as("W + (alpha/r) B A").isLessThan(1e-6f);
        }
    }

    @Test
    void ia3OnPretrainedMiniLmStartsAsTheUnadaptedModelAndTrainsOnlyItsScales() throws Exception {
        try (FptTrainer plain = PeftChecks.trainer(ToyTask.INSTANCE, miniLm(), "fpt");
             FptTrainer adapted = PeftChecks.trainer(ToyTask.INSTANCE, miniLm(), "ia3")) {
            Map<String, float[]> before = PeftChecks.snapshot(adapted);
            assertHoldsTheCheckpoint(adapted, before);
            assertThat(before.keySet()).filteredOn(p -> p.endsWith(".ia3_l")).hasSize(6 * 3)
                    .contains("body.encoder.layer.0.attention.self.key.ia3_l", "body.encoder.layer.0.attention.self.value.ia3_l",
                            "body.encoder.layer.0.output.dense.ia3_l");
            assertThat(before.get("body.encoder.layer.0.output.dense.ia3_l")).hasSize(1536).containsOnly(1f);
            Batch batch = ToyTask.INSTANCE.trainBatch(8, new Random(4));
            assertThat(PeftChecks.logits(adapted, ToyTask.INSTANCE, batch)).isEqualTo(PeftChecks.logits(plain, ToyTask.INSTANCE, batch));

            PeftChecks.train(adapted, ToyTask.INSTANCE, 3);
            PeftChecks.assertMovedExactly(before, PeftChecks.snapshot(adapted), BERT_FPT.or(p -> p.endsWith(".ia3_l")));
        }
    }

    static Body miniLm() {
        return PLUGINS.bodySourceFor("minilm-l6").create("minilm-l6", Init.PRETRAINED);
    }

    /** Every base parameter equals the ONNX checkpoint's tensor, transposed here where the file stores {@code [in, out]}. */
    static void assertHoldsTheCheckpoint(FptTrainer trainer, Map<String, float[]> values) throws Exception {
        StoredTensors checkpoint = new MiniLmL6Source().readWeights();
        Map<String, ?> shapes = ((BertBody) trainer.model().body()).model().checkpointShapes();
        assertThat(shapes).hasSize(4 + 6 * 16);
        for (String key : shapes.keySet()) {
            float[] stored = checkpoint.floats(key);
            long[] dims = checkpoint.dims(key);
            float[] expected = checkpoint.isInputMajor(key) ? PeftChecks.transposed(stored, (int) dims[0], (int) dims[1]) : stored;
            assertThat(values.get("body." + key)).as("body.%s holds the checkpoint's value", key).isEqualTo(expected);
        }
    }
}
