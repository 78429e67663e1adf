package org.fpt.bodies.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.model.ParameterPaths;
import org.fpt.safetensors.CheckpointException;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the GPT-2 source finds weights: the weights directory for named sizes, or a checkpoint directory. */
class Gpt2SourceTest {
    @TempDir
    Path root;

    @Test
    void namedSizeWithoutWeightsSaysWhereToPutThem() {
        Gpt2Source source = new Gpt2Source(root);
        assertThatThrownBy(() -> source.create("gpt2-xl", Init.PRETRAINED))
                .hasMessageContaining(root.resolve("gpt2-xl").resolve("model.safetensors").toString())
                .hasMessageContaining("FPT_WEIGHTS_DIR")
                .hasMessageContaining("--body DIR")
                .hasMessageContaining("--init random");
        assertThat(source.create("gpt2-xl", Init.RANDOM).info().source()).isEqualTo("random init");
        assertThat(source.bodies()).anySatisfy(b -> assertThat(b.source()).contains("random init only (for --init pretrained, put model.safetensors in " + root.resolve("gpt2")));
    }

    @Test
    void namedSizeLoadsFromTheWeightsDirectoryTransposingConv1d() {
        Path directory = root.resolve("gpt2-tiny");
        Gpt2CheckpointFiles.write(directory, Gpt2Config.tiny());
        Gpt2Source source = new Gpt2Source(root);
        assertThat(source.bodies()).anySatisfy(b -> assertThat(b.source()).isEqualTo("pretrained: " + directory.resolve("model.safetensors")));
        Body body = source.create("gpt2-tiny", Init.PRETRAINED);
        try (NDManager manager = NDManager.newBaseManager()) {
            body.block().initialize(manager, DataType.FLOAT32, new Shape(1, 4, 64));
            body.loadWeights(manager);
            Parameter cAttn = ParameterPaths.of(body.block()).get("h.1.attn.c_attn.weight");
            assertThat(cAttn.getArray().getShape()).isEqualTo(new Shape(192, 64));
            // file [in=5, out=7] is here [out=7, in=5]
            assertThat(cAttn.getArray().getFloat(7, 5)).isEqualTo(Gpt2CheckpointFiles.value("h.1.attn.c_attn.weight", 5 * 192 + 7));
            Parameter wpe = ParameterPaths.of(body.block()).get("wpe.weight");
            assertThat(wpe.getArray().getFloat(3, 2)).isEqualTo(Gpt2CheckpointFiles.value("wpe.weight", 3 * 64 + 2));
        }
    }

    @Test
    void namedSizeRefusesAConfigOfAnotherSize() throws IOException {
        Path directory = Files.createDirectories(root.resolve("gpt2-tiny"));
        Files.writeString(directory.resolve("model.safetensors"), "unused");
        Files.writeString(directory.resolve("config.json"), "{\"model_type\":\"gpt2\",\"n_layer\":2,\"n_head\":8,\"n_embd\":64}");
        assertThatThrownBy(() -> new Gpt2Source(root).create("gpt2-tiny", Init.PRETRAINED))
                .hasMessageContaining("config.json describes n_layer=2 n_head=8")
                .hasMessageContaining("'gpt2-tiny' is n_layer=2 n_head=4");
    }

    @Test
    void acceptsGpt2DirectoriesOnly() throws IOException {
        Gpt2Source source = new Gpt2Source(root);
        Path gpt2 = Files.createDirectories(root.resolve("mine"));
        Files.writeString(gpt2.resolve("config.json"), "{\"model_type\":\"gpt2\",\"n_layer\":1,\"n_head\":2,\"n_embd\":8,\"n_positions\":4}");
        Path bert = Files.createDirectories(root.resolve("bert"));
        Files.writeString(bert.resolve("config.json"), "{\"model_type\":\"bert\"}");
        Path noConfig = Files.createDirectories(root.resolve("no-config"));
        Gpt2CheckpointFiles.write(noConfig, new Gpt2Config("x", 1, 2, 8, 4, 0f, 1e-5f));
        Path garbage = Files.createDirectories(root.resolve("garbage"));
        Files.writeString(garbage.resolve("model.safetensors"), "not a checkpoint");

        assertThat(source.accepts("gpt2-medium")).isTrue();
        assertThat(source.accepts(gpt2.toString())).isTrue();
        assertThat(source.accepts(noConfig.toString())).isTrue();
        assertThat(source.accepts(bert.toString())).isFalse();
        assertThat(source.accepts(garbage.toString())).isFalse();
        assertThat(source.accepts(root.resolve("absent").toString())).isFalse();
        assertThat(source.accepts("gpt3")).isFalse();

        // config.json only: random init works with its shapes; pretrained says the weights are missing
        Body random = source.create(gpt2.toString(), Init.RANDOM);
        assertThat(random.info().name()).isEqualTo("mine");
        assertThat(random.info().parameters()).isEqualTo(new Gpt2Config("x", 1, 2, 8, 4, 0f, 1e-5f).parameterCount());
        assertThatThrownBy(() -> source.create(gpt2.toString(), Init.PRETRAINED))
                .hasMessageContaining("No model.safetensors in " + gpt2).hasMessageContaining("--init random");
        // no config.json and an unreleased width: the head count cannot be guessed
        assertThatThrownBy(() -> source.create(noConfig.toString(), Init.PRETRAINED))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(noConfig.resolve("model.safetensors").toString())
                .hasMessageContaining("n_head").hasMessageContaining("width 8").hasMessageContaining("config.json");
    }

    @Test
    void architectureIsReadFromShapesWithoutConfigJson() {
        Path directory = root.resolve("released-width");
        // width 768 is GPT-2 small's, so 12 heads; one layer keeps the file small
        Gpt2CheckpointFiles.write(directory, new Gpt2Config("x", 1, 12, 768, 8, 0f, 1e-5f));
        Body body = new Gpt2Source(root).create(directory.toString(), Init.PRETRAINED);
        assertThat(body.info().heads()).isEqualTo(12);
        assertThat(body.info().layers()).isEqualTo(1);
        assertThat(body.maxPositions()).isEqualTo(8);
        // Without any h.N tensor the shapes say 0 layers: refused, naming the file.
        Path empty = root.resolve("no-layers");
        new org.fpt.safetensors.SafetensorsFiles().filled("wpe.weight", new ai.djl.ndarray.types.Shape(8, 768), 0f)
                .write(Gpt2Checkpoint.in(empty).weights());
        assertThatThrownBy(() -> new Gpt2Source(root).create(empty.toString(), Init.PRETRAINED))
                .hasMessageStartingWith(empty.resolve("model.safetensors") + ": n_layer: must be a positive integer, found 0");
    }

    @Test
    void configJsonWithAnotherActivationIsRefused() throws IOException {
        Path directory = Files.createDirectories(root.resolve("relu"));
        Path json = Files.writeString(directory.resolve("config.json"), "{\"model_type\":\"gpt2\",\"activation_function\":\"relu\"}");
        assertThatThrownBy(() -> new Gpt2Source(root).create(directory.toString(), Init.RANDOM))
                .hasMessageContaining(json.toString())
                .hasMessageContaining("field activation_function")
                .hasMessageContaining("expected gelu_new").hasMessageContaining("found \"relu\"");
    }
}
