package org.fpt.weights;

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
import java.nio.file.Path;
import java.util.function.Consumer;
import org.fpt.model.VitBody;
import org.fpt.model.VitConfig;
import org.fpt.model.VitModel;
import org.junit.jupiter.api.Test;

/**
 * The ViT body against a plain-torch reference of HF's ViTModel (src/test/python/make_vit_fixture.py): a
 * tiny checkpoint in google/vit-base-patch16-224's key layout, patch embeddings in, last_hidden_state out.
 */
class VitParityTest {
    private static final Path FIXTURE = Path.of("src/test/resources/vit-fixture");

    @Test
    void configJsonIsReadWithHfNames() {
        VitConfig config = VitConfigJson.read(FIXTURE.resolve("config.json"), "fixture");
        assertThat(config).isEqualTo(new VitConfig("fixture", 2, 4, 32, 64, 16, 0f, 1e-12f));
    }

    @Test
    void matchesTheTorchReferenceWithin1e4() throws Exception {
        VitConfig config = VitConfigJson.read(FIXTURE.resolve("config.json"), "fixture");
        FixtureTensors weights = FixtureTensors.read(FIXTURE.resolve("model.safetensors"));
        FixtureTensors reference = FixtureTensors.read(FIXTURE.resolve("reference.safetensors"));
        float[] expected = reference.floats("output");
        long[] inShape = reference.shape("input");
        try (Model model = Model.newInstance("vit", "MXNet")) {
            VitBody body = new VitBody(config, "fixture", m -> VitWeights.load(m, weights));
            VitModel vit = body.model();
            model.setBlock(vit);
            NDManager manager = model.getNDManager();
            vit.initialize(manager, DataType.FLOAT32, new Shape(inShape), new Shape(inShape[0], inShape[1]));
            body.loadWeights(manager);
            NDArray patches = manager.create(reference.floats("input"), new Shape(inShape));
            ParameterStore store = new ParameterStore(manager, false);
            float[] actual = vit.sequence(store, patches, null, false).toFloatArray();
            float diff = maxAbsDiff(actual, expected);
            System.out.printf("ViT parity: max abs diff %.3g over %d values%n", diff, expected.length);
            assertThat(diff).isLessThan(1e-4f);

            // As a body: the states of the input tokens, CLS dropped; an all-ones mask changes nothing.
            NDArray mask = manager.ones(new Shape(inShape[0], inShape[1]));
            float[] tokens = vit.forward(store, new NDList(patches, mask), false).singletonOrThrow().toFloatArray();
            int c = (int) inShape[2];
            int t = (int) inShape[1];
            for (int b = 0; b < inShape[0]; b++) {
                for (int i = 0; i < t * c; i++) {
                    assertThat(tokens[b * t * c + i]).isCloseTo(expected[b * (t + 1) * c + c + i], org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void missingAndMisshapenKeysAreNamed() throws Exception {
        VitConfig config = VitConfigJson.read(FIXTURE.resolve("config.json"), "fixture");
        FixtureTensors missing = FixtureTensors.read(FIXTURE.resolve("model.safetensors"));
        missing.tensors.remove("vit.encoder.layer.1.attention.attention.key.bias");
        assertThatThrownBy(() -> load(config, m -> VitWeights.load(m, missing)))
                .hasMessageContaining("tensor 'encoder.layer.1.attention.attention.key.bias' is missing");

        VitConfig deeper = new VitConfig("deeper", 3, 4, 32, 64, 16, 0f, 1e-12f);
        FixtureTensors weights = FixtureTensors.read(FIXTURE.resolve("model.safetensors"));
        assertThatThrownBy(() -> load(deeper, m -> VitWeights.load(m, weights)))
                .hasMessageContaining("encoder.layer.2.").hasMessageContaining("is missing");

        VitConfig shallower = new VitConfig("shallower", 1, 4, 32, 64, 16, 0f, 1e-12f);
        assertThatThrownBy(() -> load(shallower, m -> VitWeights.load(m, weights)))
                .hasMessageContaining("is not a parameter of a 1-layer ViT body").hasMessageContaining("num_hidden_layers");

        VitConfig otherPatches = new VitConfig("other", 2, 4, 32, 64, 25, 0f, 1e-12f);
        assertThatThrownBy(() -> load(otherPatches, m -> VitWeights.load(m, weights)))
                .hasMessageContaining("tensor 'vit.embeddings.position_embeddings' expected shape (1, 26, 32), found (1, 17, 32)");
    }

    private static void load(VitConfig config, Consumer<VitModel> loader) {
        Engine.getEngine("MXNet");
        try (Model model = Model.newInstance("vit", "MXNet")) {
            VitBody body = new VitBody(config, "fixture", loader);
            model.setBlock(body.model());
            body.model().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 4, 32), new Shape(1, 4));
            body.loadWeights(model.getNDManager());
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
}
