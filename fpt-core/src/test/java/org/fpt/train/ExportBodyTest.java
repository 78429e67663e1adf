package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.gpt2.Gpt2Model;
import org.fpt.bodies.gpt2.Gpt2Source;
import org.fpt.bodies.lstm.LstmBody;
import org.fpt.bodies.vit.VitBody;
import org.fpt.bodies.vit.VitConfig;
import org.fpt.model.BodyExport;
import org.fpt.model.ParameterPaths;
import org.fpt.policies.FullPolicy;
import org.fpt.safetensors.SafetensorsFormatCheck;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.fpt.spi.FreezingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body trained with {@code full} is written as an HF GPT-2 checkpoint directory. The file is checked
 * byte-level against the safetensors format and value by value against the trained parameters (Conv1D
 * weights in HF's {@code [in, out]}), then read back through {@link Gpt2Source} as {@code --body DIR} does.
 * GPT-2 and ViT bodies load back with identical parameters and hidden states (the BERT family's test is in
 * fpt-bodies/bert); LoRA is written merged.
 */
class ExportBodyTest {
    @TempDir
    Path dir;

    @Test
    void trainedBodyIsWrittenInGpt2LayoutWithHfConv1dWeights() throws Exception {
        Gpt2Config config = Gpt2Config.tiny().withPositions(16);
        try (FptTrainer trainer = trainedFor(config, new FullPolicy())) {
            Gpt2Model model = (Gpt2Model) trainer.model().body().block();
            BodyExport.write(trainer.model().body(), dir);

            SafetensorsFormatCheck.Contents file = SafetensorsFormatCheck.read(dir.resolve("model.safetensors"));
            assertThat(file.metadata()).containsEntry("format", "pt");
            assertThat(file.tensors().keySet()).containsExactlyElementsOf(model.checkpointShapes().keySet())
                    .contains("wpe.weight", "h.0.attn.c_attn.weight", "h.1.mlp.c_proj.bias", "ln_f.weight");
            Map<String, Parameter> parameters = ParameterPaths.of(model);
            assertThat(file.tensors().get("h.0.attn.c_attn.weight").shape()).containsExactly(64, 192);
            assertThat(file.tensors().get("h.0.mlp.c_fc.weight").shape()).containsExactly(64, 256);
            assertThat(file.tensors().get("wpe.weight").shape()).containsExactly(16, 64);
            // [out, in] in the model; HF's Conv1D wants [in, out]: element (i, o) of the file is (o, i) here
            float[] here = parameters.get("h.0.attn.c_attn.weight").getArray().toFloatArray();
            float[] there = file.tensors().get("h.0.attn.c_attn.weight").values();
            for (int o = 0; o < 192; o++) {
                for (int i = 0; i < 64; i++) {
                    assertThat(there[i * 192 + o]).isEqualTo(here[o * 64 + i]);
                }
            }
            assertThat(file.tensors().get("ln_f.bias").values()).containsExactly(parameters.get("ln_f.bias").getArray().toFloatArray());
            assertThat(file.tensors().get("ln_f.bias").values()).as("trained, so not the zero init").isNotEqualTo(new float[64]);

            JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
            assertThat(json.get("model_type").getAsString()).isEqualTo("gpt2");
            assertThat(json.get("n_layer").getAsInt()).isEqualTo(2);
            assertThat(json.get("n_head").getAsInt()).isEqualTo(4);
            assertThat(json.get("n_embd").getAsInt()).isEqualTo(64);
            assertThat(json.get("n_positions").getAsInt()).isEqualTo(16);
            assertThat(json.get("layer_norm_epsilon").getAsFloat()).isEqualTo(1e-5f);
            assertThat(json.get("activation_function").getAsString()).isEqualTo("gelu_new");

            // --body DIR: the same values come back, in the model's own layout
            Body reloaded = new Gpt2Source().create(dir.toString(), Init.PRETRAINED);
            try (Model other = Model.newInstance("reloaded", "MXNet")) {
                other.setBlock(reloaded.block());
                reloaded.block().initialize(other.getNDManager(), DataType.FLOAT32, new Shape(1, 2, 64), new Shape(1, 2));
                reloaded.loadWeights(other.getNDManager());
                Map<String, Parameter> back = ParameterPaths.of(reloaded.block());
                assertThat(back.keySet()).isEqualTo(parameters.keySet());
                parameters.forEach((path, p) -> assertThat(back.get(path).getArray().toFloatArray()).as(path)
                        .containsExactly(p.getArray().toFloatArray()));
            }
        }
    }

    @Test
    void loraAdaptersAreWrittenMergedIntoTheirWeights() throws Exception {
        try (FptTrainer trainer = trainedFor(Gpt2Config.tiny().withPositions(16), PeftChecks.PLUGINS.policy("lora:r=2,alpha=4"))) {
            Map<String, float[]> values = PeftChecks.snapshot(trainer);
            float[] merged = PeftChecks.loraMergedWeight(values, "body.h.1.attn.c_attn", 192, 64, 4f / 2);
            assertThat(merged).isNotEqualTo(values.get("body.h.1.attn.c_attn.weight"));
            BodyExport.write(trainer.model().body(), dir);

            SafetensorsFormatCheck.Contents file = SafetensorsFormatCheck.read(dir.resolve("model.safetensors"));
            assertThat(file.tensors().keySet()).noneMatch(k -> k.contains("lora"));
            float[] there = PeftChecks.transposed(file.tensors().get("h.1.attn.c_attn.weight").values(), 64, 192);
            assertThat(PeftChecks.maxAbsDiff(there, merged)).isLessThan(1e-6f);
        }
    }

    /** Each family's HF layout, read back by the source the host picks for the directory. */
    @Test
    void gpt2AndVitBodiesLoadBackIdentically(@TempDir Path gpt2Dir, @TempDir Path vitDir) throws Exception {
        try (FptTrainer trainer = trainedFor(Gpt2Config.tiny().withPositions(16), PeftChecks.PLUGINS.policy("lora:r=2,alpha=4"))) {
            PeftChecks.assertExportRoundTrip(trainer, gpt2Dir);
        }
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, VitBody.random(VitConfig.tiny()), "full")) {
            PeftChecks.train(trainer, ToyTask.INSTANCE, 3);
            PeftChecks.assertExportRoundTrip(trainer, vitDir);
        }
        JsonObject json = JsonParser.parseString(Files.readString(vitDir.resolve("config.json"))).getAsJsonObject();
        assertThat(json.get("model_type").getAsString()).isEqualTo("vit");
        assertThat(json.get("image_size").getAsInt() / json.get("patch_size").getAsInt()).as("8 x 8 = 64 patches").isEqualTo(8);
    }

    @Test
    void aBodyWithoutCheckpointLayoutRefusesNamingIt() {
        assertThatThrownBy(() -> BodyExport.write(new LstmBody("lstm-16", 16), dir))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Body 'lstm-16' (lstm) has no checkpoint layout to export to");
        assertThat(dir).isEmptyDirectory();
    }

    private static FptTrainer trainedFor(Gpt2Config config, FreezingPolicy policy) {
        FptTrainer trainer = FreezingTest.trainer(config, policy);
        Random rng = new Random(1);
        for (int i = 0; i < 3; i++) {
            trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
        }
        return trainer;
    }
}
