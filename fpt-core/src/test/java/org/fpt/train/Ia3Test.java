package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fpt.train.PeftChecks.PLUGINS;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IA3 (Liu et al. 2022) on a pretrained GPT-2 checkpoint, selected as users do ({@code --policy ia3}): scaling
 * vectors on keys and values (the key and value thirds of the fused {@code c_attn}) and on the feed-forward
 * activation (the input of {@code mlp.c_proj}), initialised to ones.
 */
class Ia3Test {
    private static final Path FIXTURE = Path.of("src/test/resources/gpt2-fixture");
    private static final Predicate<String> SCALES = p -> p.endsWith(".ia3_l");

    @TempDir
    Path dir;

    @Test
    void scalesSitOnKeysValuesAndTheFeedForwardActivation() {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, fixture(), "ia3")) {
            Map<String, String> scales = new LinkedHashMap<>();
            trainer.parameters().forEach((path, p) -> {
                if (SCALES.test(path.dotted())) {
                    scales.put(path.dotted(), p.getArray().getShape() + (p.requiresGradient() ? " trains" : " frozen"));
                }
            });
            assertThat(scales).containsExactly(
                    Map.entry("body.h.0.attn.c_attn.ia3_l", "(64) trains"), Map.entry("body.h.0.mlp.c_proj.ia3_l", "(128) trains"),
                    Map.entry("body.h.1.attn.c_attn.ia3_l", "(64) trains"), Map.entry("body.h.1.mlp.c_proj.ia3_l", "(128) trains"));
            assertThat(PeftChecks.snapshot(trainer).get("body.h.0.mlp.c_proj.ia3_l")).containsOnly(1f);
        }
    }

    @Test
    void atInitTheModelComputesExactlyWhatTheUnadaptedModelComputes() {
        try (FptTrainer plain = PeftChecks.trainer(ToyTask.INSTANCE, fixture(), "fpt");
             FptTrainer adapted = PeftChecks.trainer(ToyTask.INSTANCE, fixture(), "ia3")) {
            Map<String, float[]> plainValues = PeftChecks.snapshot(plain);
            Map<String, float[]> adaptedValues = PeftChecks.snapshot(adapted);
            plainValues.forEach((path, values) -> assertThat(adaptedValues.get(path)).as("same %s in both models", path).isEqualTo(values));
            Batch batch = ToyTask.INSTANCE.trainBatch(16, new Random(4));
            assertThat(PeftChecks.logits(adapted, ToyTask.INSTANCE, batch)).isEqualTo(PeftChecks.logits(plain, ToyTask.INSTANCE, batch));
        }
    }

    @Test
    void onlyTheScalesAndTheFptSetTrainAndMergingKeepsTheFunction() {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, fixture(), "ia3")) {
            Map<String, float[]> before = PeftChecks.snapshot(trainer);
            PeftChecks.train(trainer, ToyTask.INSTANCE, 10);
            PeftChecks.assertMovedExactly(before, PeftChecks.snapshot(trainer), PeftChecks.GPT2_FPT.or(SCALES));
            PeftChecks.assertMergeKeepsTheFunction(trainer, ToyTask.INSTANCE, 1e-5f);
        }
    }

    @Test
    void anIa3BodyExportsMergedAndLoadsBackIdentically() {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, fixture(), "ia3")) {
            PeftChecks.train(trainer, ToyTask.INSTANCE, 3);
            PeftChecks.assertExportRoundTrip(trainer, dir);
        }
    }

    private static Body fixture() {
        return PLUGINS.bodySourceFor(FIXTURE.toString()).create(FIXTURE.toString(), Init.PRETRAINED);
    }
}
