package org.fpt.bodies.vit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.fpt.safetensors.Safetensors;
import org.fpt.safetensors.SafetensorsWriter;
import org.fpt.spi.BodySource.Init;
import org.fpt.train.PeftChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ViT body against a plain-torch reference of HF's ViTModel (src/test/python/make_vit_fixture.py): a
 * tiny checkpoint directory in google/vit-base-patch16-224's key layout, read through {@link VitSource} as
 * {@code --body DIR} would; patch embeddings in, last_hidden_state out.
 */
class VitParityTest {
    private static final Path FIXTURE = Path.of("src/test/resources/vit-fixture");

    @TempDir
    Path dir;

    @Test
    void configJsonIsReadWithHfNames() {
        VitConfig config = VitConfigJson.read(FIXTURE.resolve("config.json"), "fixture");
        assertThat(config).isEqualTo(new VitConfig("fixture", 2, 4, 32, 64, 16, 0f, 1e-12f));
        assertThat(new VitSource().accepts(FIXTURE.toString())).isTrue();
        assertThat(new VitSource().accepts("src/test/resources/gpt2-fixture")).isFalse();
    }

    @Test
    void matchesTheTorchReferenceWithin1e4() {
        try (Safetensors reference = Safetensors.open(FIXTURE.resolve("reference.safetensors"));
             Model model = Model.newInstance("vit", "MXNet")) {
            float[] expected = reference.floats("output");
            Shape inShape = reference.find("input").orElseThrow().shape();
            VitBody body = (VitBody) new VitSource().create(FIXTURE.toString(), Init.PRETRAINED);
            NDManager manager = initialize(model, body, inShape);
            VitModel vit = body.model();
            NDArray patches = manager.create(reference.floats("input"), inShape);
            ParameterStore store = new ParameterStore(manager, false);
            float diff = PeftChecks.maxAbsDiff(vit.sequence(store, patches, null, false).toFloatArray(), expected);
            System.out.printf("ViT parity: max abs diff %.3g over %d values%n", diff, expected.length);
            assertThat(diff).isLessThan(1e-4f);

            // As a body: the states of the input tokens, CLS dropped; an all-ones mask changes nothing.
            NDArray mask = manager.ones(new Shape(inShape.get(0), inShape.get(1)));
            float[] tokens = vit.forward(store, new NDList(patches, mask), false).singletonOrThrow().toFloatArray();
            int t = (int) inShape.get(1);
            int c = (int) inShape.get(2);
            for (int b = 0; b < inShape.get(0); b++) {
                for (int i = 0; i < t * c; i++) {
                    assertThat(tokens[b * t * c + i]).isCloseTo(expected[b * (t + 1) * c + c + i], Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void missingUnexpectedAndMisshapenKeysAreNamed() throws Exception {
        Files.copy(FIXTURE.resolve("config.json"), dir.resolve("config.json"));
        try (Safetensors fixture = Safetensors.open(FIXTURE.resolve("model.safetensors"))) {
            SafetensorsWriter copy = new SafetensorsWriter();
            fixture.tensors().forEach((key, entry) -> {
                if (!key.equals("vit.encoder.layer.1.attention.attention.key.bias")) {
                    copy.add(key, entry.shape().getShape(), fixture.floats(key));
                }
            });
            copy.write(dir.resolve("model.safetensors"));
        }
        assertThatThrownBy(() -> load(dir, new Shape(1, 4, 32)))
                .hasMessageContaining("tensor 'encoder.layer.1.attention.attention.key.bias'").hasMessageContaining("is missing");

        Files.writeString(dir.resolve("config.json"), Files.readString(FIXTURE.resolve("config.json"))
                .replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 1"));
        Files.copy(FIXTURE.resolve("model.safetensors"), dir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> load(dir, new Shape(1, 4, 32)))
                .hasMessageContaining("is not a parameter of a 1-layer ViT body").hasMessageContaining("num_hidden_layers");

        Files.writeString(dir.resolve("config.json"), Files.readString(FIXTURE.resolve("config.json"))
                .replace("\"image_size\": 8", "\"image_size\": 10"));
        assertThatThrownBy(() -> load(dir, new Shape(1, 4, 32)))
                .hasMessageContaining("tensor 'vit.embeddings.position_embeddings': expected shape (1, 26, 32), found (1, 17, 32)");

        Files.writeString(dir.resolve("config.json"), Files.readString(FIXTURE.resolve("config.json"))
                .replace("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"relu\""));
        assertThatThrownBy(() -> load(dir, new Shape(1, 4, 32)))
                .hasMessageContaining("config.json: field hidden_act: expected \"gelu\"");
    }

    private static void load(Path directory, Shape inShape) {
        Engine.getEngine("MXNet");
        try (Model model = Model.newInstance("vit", "MXNet")) {
            initialize(model, (VitBody) new VitSource().create(directory.toString(), Init.PRETRAINED), inShape);
        }
    }

    private static NDManager initialize(Model model, VitBody body, Shape inShape) {
        model.setBlock(body.model());
        NDManager manager = model.getNDManager();
        body.model().initialize(manager, DataType.FLOAT32, inShape, new Shape(inShape.get(0), inShape.get(1)));
        body.loadWeights(manager);
        return manager;
    }
}
