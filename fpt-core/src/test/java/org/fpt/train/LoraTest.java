package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fpt.train.PeftChecks.PLUGINS;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.gpt2.Gpt2Model;
import org.fpt.safetensors.Safetensors;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.junit.jupiter.api.Test;

/** LoRA as a PEFT method on GPT-2, selected as users do ({@code --policy lora:r=4,alpha=8}). */
class LoraTest {
    private static final Predicate<String> ADAPTERS = p -> p.matches("body\\.h\\.\\d+\\.attn\\.c_(attn|proj)\\.lora_[ab]");
    private static final Path FIXTURE = Path.of("src/test/resources/gpt2-fixture");

    @Test
    void baseWeightsStayBitIdenticalWhileAdaptersMoveAndMergingKeepsTheFunction() {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, new Gpt2Body(Gpt2Config.tiny(), "random init"), "lora:r=4,alpha=8")) {
            Map<String, float[]> before = PeftChecks.snapshot(trainer);
            PeftChecks.train(trainer, ToyTask.INSTANCE, 10);
            Map<String, float[]> after = PeftChecks.snapshot(trainer);
            PeftChecks.assertMovedExactly(before, after, PeftChecks.GPT2_FPT.or(ADAPTERS));

            PeftChecks.assertMergeKeepsTheFunction(trainer, ToyTask.INSTANCE, 1e-5f);
            float[] merged = PeftChecks.snapshot(trainer).get("body.h.0.attn.c_attn.weight");
            assertThat(merged).as("merging changes the weight").isNotEqualTo(after.get("body.h.0.attn.c_attn.weight"));
            float[] expected = PeftChecks.loraMergedWeight(after, "body.h.0.attn.c_attn", 192, 64, 8f / 4);
            assertThat(PeftChecks.maxAbsDiff(merged, expected)).as("W + (alpha/r) B A").isLessThan(1e-6f);
        }
    }

    /** Every base weight holds the checkpoint's value (not merely "not zero"); the adapters hold their init. */
    @Test
    void aPretrainedBodyLoadsItsCheckpointAndKeepsAdaptersAtInit() {
        Body gpt2 = PLUGINS.bodySourceFor(FIXTURE.toString()).create(FIXTURE.toString(), Init.PRETRAINED);
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, gpt2, "lora:r=2,alpha=4");
             Safetensors checkpoint = Safetensors.open(FIXTURE.resolve("model.safetensors"))) {
            Map<String, float[]> values = PeftChecks.snapshot(trainer);
            assertThat(checkpoint.tensors()).hasSize(27);
            checkpoint.tensors().forEach((key, entry) -> {
                float[] stored = checkpoint.floats(key);
                float[] expected = Gpt2Model.isConv1dWeight(key)
                        ? PeftChecks.transposed(stored, (int) entry.shape().get(0), (int) entry.shape().get(1)) : stored;
                assertThat(values.get("body." + key)).as("body.%s holds the checkpoint's value", key).isEqualTo(expected);
            });
            assertThat(values.get("body.h.0.attn.c_attn.lora_b")).containsOnly(0f);
            float[] a = values.get("body.h.0.attn.c_attn.lora_a");
            assertThat(a).hasSize(2 * 32);
            double sumOfSquares = 0;
            for (float v : a) {
                sumOfSquares += v * v;
            }
            assertThat(Math.sqrt(sumOfSquares / a.length)).as("lora_a ~ normal(0, 1/sqrt(in))").isBetween(0.5 / Math.sqrt(32), 2 / Math.sqrt(32));
        }
    }
}
