package org.fpt.bodies.gpt2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.fpt.model.FptModel;
import org.fpt.model.ParameterPaths;
import org.fpt.plugin.Plugins;
import org.fpt.safetensors.Safetensors;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.fpt.spi.BodySource;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.OutputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loads the PyTorch-made checkpoints (src/test/python/make_gpt2_fixture.py) through the body source the
 * host uses, runs the body on the fixture's input embeddings and compares with PyTorch's hidden states.
 */
class Gpt2ParityTest {
    static Path fixture(String name) {
        try {
            return Path.of(Gpt2ParityTest.class.getResource("/" + name + "/model.safetensors").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body's output on the fixture's embeddings, and the reference, as {max abs diff, max abs reference}. */
    static double[] compare(Body body, Path directory) {
        try (NDManager manager = NDManager.newBaseManager();
             Safetensors reference = Safetensors.open(directory.resolve("reference.safetensors"))) {
            Shape shape = reference.tensors().get("embeddings").shape();
            body.block().initialize(manager, DataType.FLOAT32, shape);
            body.loadWeights(manager);
            NDArray x = manager.create(reference.floats("embeddings"), shape);
            float[] y = body.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            float[] expected = reference.floats("hidden");
            assertThat(y).hasSameSizeAs(expected);
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < y.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(y[i] - expected[i]));
                maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            }
            return new double[] {maxDiff, maxAbs};
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-fixture", "gpt2-fixture-mixed"})
    void pretrainedBodyMatchesPyTorch(String name) {
        Path directory = fixture(name);
        BodySource source = Plugins.load(getClass().getClassLoader()).bodySourceFor(directory.toString());
        Body body = source.create(directory.toString(), Init.PRETRAINED);
        assertThat(body.info().layers()).isEqualTo(2);
        assertThat(body.info().heads()).isEqualTo(4);
        assertThat(body.maxPositions()).isEqualTo(16);
        assertThat(body.info().source()).contains("model.safetensors");

        double[] result = compare(body, directory);
        System.out.printf("%s: max |java - torch| = %.3g (max |torch| = %.3g)%n", name, result[0], result[1]);
        assertThat(result[1]).isGreaterThan(0.5); // the reference is not trivially small
        assertThat(result[0]).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void fptModelInitializeLoadsThePretrainedBody() {
        Path directory = fixture("gpt2-fixture");
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        Body body = plugins.bodySourceFor(directory.toString()).create(directory.toString(), Init.PRETRAINED);
        ModalityAdapter linear = plugins.adapters().get("linear");
        InputSpec input = InputSpec.values(8, 5);
        OutputSpec output = OutputSpec.classifier(3);
        FptModel fpt = new FptModel(input, output, linear.inputLayer(input, 32), body, linear.outputHead(32, output));
        try (NDManager manager = NDManager.newBaseManager();
             Safetensors checkpoint = Safetensors.open(directory.resolve("model.safetensors"))) {
            fpt.initialize(manager, 2);
            float[] wpe = ParameterPaths.of(body.block()).get("wpe.weight").getArray().toFloatArray();
            assertThat(wpe).containsExactly(checkpoint.floats("wpe.weight"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-fixture"})
    void randomInitOnADirectoryHasTheSameShapesButNotTheWeights(String name) {
        Path directory = fixture(name);
        Body body = Plugins.load(getClass().getClassLoader()).bodySourceFor(directory.toString())
                .create(directory.toString(), Init.RANDOM);
        assertThat(body.info().source()).startsWith("random init");
        assertThat(body.info().parameters()).isEqualTo(new Gpt2Config("x", 2, 4, 32, 16, 0, 1e-5f).parameterCount());
        assertThat(compare(body, directory)[0]).isGreaterThan(0.1);
    }
}
