package org.fpt.bodies.vit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.Random;
import org.fpt.adapters.LinearAdapter;
import org.fpt.model.Readout;
import org.fpt.policies.FptLastAttentionPolicy;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.FreezingPolicy;
import org.fpt.train.FptTrainer;
import org.fpt.train.PeftChecks;
import org.fpt.train.ToyTask;
import org.fpt.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The ViT body under the freezing policies: roles by HF's names, LoRA on its four attention projections. */
class VitBodyTest {
    @Test
    void fptTrainsPositionsAndLayerNormsButNotAttentionOrTheClsToken() {
        try (FptTrainer trainer = trainer(new FptPolicy())) {
            List<String> body = trained(trainer).stream().filter(p -> p.startsWith("body.")).toList();
            assertThat(body).containsExactly(
                    "body.embeddings.position_embeddings",
                    "body.encoder.layer.0.layernorm_before.weight", "body.encoder.layer.0.layernorm_before.bias",
                    "body.encoder.layer.0.layernorm_after.weight", "body.encoder.layer.0.layernorm_after.bias",
                    "body.encoder.layer.1.layernorm_before.weight", "body.encoder.layer.1.layernorm_before.bias",
                    "body.encoder.layer.1.layernorm_after.weight", "body.encoder.layer.1.layernorm_after.bias",
                    "body.layernorm.weight", "body.layernorm.bias");
            Random rng = new Random(2);
            float first = trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
            assertThat(first).isFinite();
        }
    }

    @Test
    void lastAttentionAndLoraFindTheVitAttention() {
        try (FptTrainer trainer = trainer(new FptLastAttentionPolicy())) {
            assertThat(trained(trainer)).filteredOn(p -> p.contains(".attention.")).allMatch(p -> p.startsWith("body.encoder.layer.1.attention."))
                    .contains("body.encoder.layer.1.attention.attention.query.weight", "body.encoder.layer.1.attention.output.dense.bias");
        }
        try (FptTrainer trainer = trainer(PeftChecks.PLUGINS.policy("lora:r=2,alpha=4"))) {
            assertThat(trained(trainer)).filteredOn(p -> p.contains("lora")).hasSize(2 * 4 * 2)
                    .contains("body.encoder.layer.0.attention.attention.query.lora_a", "body.encoder.layer.1.attention.output.dense.lora_b")
                    .noneMatch(p -> p.contains("intermediate") || p.contains("layer.0.output.dense"));
        }
    }

    private static List<String> trained(FptTrainer trainer) {
        return trainer.parameters().entrySet().stream().filter(e -> e.getValue().requiresGradient())
                .map(e -> e.getKey().dotted()).toList();
    }

    private static FptTrainer trainer(FreezingPolicy policy) {
        Engine.getEngine("MXNet");
        return new FptTrainer(ToyTask.INSTANCE, VitBody.random(VitConfig.tiny()), new LinearAdapter(), policy,
                Readout.FIRST, TrainingConfig.defaults(10, 8, 7), Device.cpu(), "MXNet");
    }
}
