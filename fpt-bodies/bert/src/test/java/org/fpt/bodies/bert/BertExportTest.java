package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fpt.train.PeftChecks.PLUGINS;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.safetensors.Safetensors;
import org.fpt.safetensors.SafetensorsWriter;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.fpt.train.FptTrainer;
import org.fpt.train.PeftChecks;
import org.fpt.train.ToyTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BERT family exports to HF BertModel's layout and loads back through {@link BertDirectorySource}
 * ({@code --body DIR}) with identical parameters and hidden states; the default body on its real weights.
 */
class BertExportTest {
    @TempDir
    Path dir;

    @Test
    void pretrainedMiniLmWithLoraExportsMergedAndLoadsBackIdentically() throws Exception {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, BertPeftTest.miniLm(), "lora:r=2,alpha=4")) {
            PeftChecks.train(trainer, ToyTask.INSTANCE, 2);
            PeftChecks.assertExportRoundTrip(trainer, dir);
        }
        assertThat(PLUGINS.bodySourceFor(dir.toString())).isInstanceOf(BertDirectorySource.class);
        try (Safetensors file = Safetensors.open(dir.resolve("model.safetensors"))) {
            assertThat(file.metadata()).containsEntry("format", "pt");
            assertThat(file.tensors()).hasSize(4 + 6 * 16).containsKeys("embeddings.position_embeddings.weight",
                    "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.bias",
                    "encoder.layer.0.attention.self.query.weight", "encoder.layer.5.output.LayerNorm.weight");
            assertThat(file.tensors().get("encoder.layer.0.intermediate.dense.weight").shape()).isEqualTo(new Shape(1536, 384));
        }
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
        assertThat(json.get("model_type").getAsString()).isEqualTo("bert");
        assertThat(json.get("hidden_size").getAsInt()).isEqualTo(384);
        assertThat(json.get("num_hidden_layers").getAsInt()).isEqualTo(6);
        assertThat(json.get("num_attention_heads").getAsInt()).isEqualTo(12);
        assertThat(json.get("intermediate_size").getAsInt()).isEqualTo(1536);
        assertThat(json.get("layer_norm_eps").getAsFloat()).isEqualTo(1e-12f);
        assertThat(json.get("hidden_act").getAsString()).isEqualTo("gelu");
    }

    /** A checkpoint with the {@code bert.} prefix, a word table, index buffers, a pooler and an MLM head loads. */
    @Test
    void aPrefixedCheckpointWithHeadsLoadsAndItsBadFilesAreNamed() throws Exception {
        exportTiny();
        Path prefixed = Files.createDirectory(dir.resolve("prefixed"));
        Files.copy(dir.resolve("config.json"), prefixed.resolve("config.json"));
        rewrite(dir, prefixed, "bert.", "encoder.layer.0.attention.self.key.bias", true);
        assertThat(load(prefixed).info().name()).isEqualTo("prefixed");

        Path missing = Files.createDirectory(dir.resolve("missing"));
        Files.copy(dir.resolve("config.json"), missing.resolve("config.json"));
        rewrite(dir, missing, "", "encoder.layer.1.attention.self.key.bias", false);
        assertThatThrownBy(() -> load(missing)).hasMessageContaining("model.safetensors: tensor 'encoder.layer.1.attention.self.key.bias': is missing");

        Path deeper = Files.createDirectory(dir.resolve("deeper"));
        Files.writeString(deeper.resolve("config.json"), Files.readString(dir.resolve("config.json"))
                .replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 1"));
        Files.copy(dir.resolve("model.safetensors"), deeper.resolve("model.safetensors"));
        assertThatThrownBy(() -> load(deeper)).hasMessageContaining("is not a parameter of a 1-layer BERT body")
                .hasMessageContaining("num_hidden_layers right?");

        Files.writeString(deeper.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"gelu\"", "\"relu\""));
        assertThatThrownBy(() -> PLUGINS.bodySourceFor(deeper.toString()).create(deeper.toString(), Init.RANDOM))
                .hasMessage(deeper.resolve("config.json") + ": field hidden_act: expected \"gelu\" (the exact GELU the body implements), found \"relu\"");

        Files.writeString(deeper.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"hidden_size\": 128", "\"hidden_size\": \"x\""));
        assertThatThrownBy(() -> PLUGINS.bodySourceFor(deeper.toString()).create(deeper.toString(), Init.RANDOM))
                .hasMessage(deeper.resolve("config.json") + ": field hidden_size: expected a number, found \"x\"");

        Files.copy(dir.resolve("config.json"), deeper.resolve("config.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(deeper.resolve("model.safetensors"));
        assertThat(PLUGINS.bodySourceFor(deeper.toString()).create(deeper.toString(), Init.RANDOM).info().layers()).isEqualTo(2);
        assertThatThrownBy(() -> PLUGINS.bodySourceFor(deeper.toString()).create(deeper.toString(), Init.PRETRAINED))
                .hasMessageStartingWith("No model.safetensors in " + deeper);
    }

    private void exportTiny() {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, BertBody.random(BertConfig.tiny()), "full")) {
            PeftChecks.train(trainer, ToyTask.INSTANCE, 1);
            PeftChecks.assertExportRoundTrip(trainer, dir);
        }
    }

    /** Copies {@code from}'s tensors under {@code prefix}, without {@code left}, with or without HF's extra keys. */
    private static void rewrite(Path from, Path to, String prefix, String left, boolean keepLeftAndAddExtras) {
        try (Safetensors file = Safetensors.open(from.resolve("model.safetensors"))) {
            SafetensorsWriter copy = new SafetensorsWriter();
            file.tensors().forEach((key, entry) -> {
                if (keepLeftAndAddExtras || !key.equals(left)) {
                    copy.add(prefix + key, entry.shape().getShape(), file.floats(key));
                }
            });
            if (keepLeftAndAddExtras) {
                copy.add(prefix + "embeddings.word_embeddings.weight", new long[] {30, 128}, new float[30 * 128]);
                copy.add(prefix + "embeddings.position_ids", new long[] {1, 512}, new float[512]);
                copy.add(prefix + "pooler.dense.weight", new long[] {128, 128}, new float[128 * 128]);
                copy.add("cls.predictions.bias", new long[] {30}, new float[30]);
            }
            copy.write(to.resolve("model.safetensors"));
        }
    }

    private static Body load(Path directory) {
        Body body = PLUGINS.bodySourceFor(directory.toString()).create(directory.toString(), Init.PRETRAINED);
        try (Model model = Model.newInstance("bert", "MXNet")) {
            model.setBlock(body.block());
            body.block().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2, 128), new Shape(1, 2));
            body.loadWeights(model.getNDManager());
        }
        return body;
    }
}
