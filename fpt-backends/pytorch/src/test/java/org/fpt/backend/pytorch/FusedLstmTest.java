package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fpt.bodies.lstm.LstmLayer;
import org.fpt.plugin.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LstmLayer} runs the engine's fused LSTM; it must compute what PyTorch's {@code nn.LSTM} documents, written
 * out here gate by gate (input, forget, cell, output): the same outputs and the same gradients, on both engines.
 */
class FusedLstmTest {
    private static final int B = 3;
    private static final int T = 7;
    private static final int IN = 5;
    private static final int H = 4;

    /** Trained from scratch (`full`: the weights' gradients) and frozen (`fpt`: only the input's gradient flows). */
    @ParameterizedTest
    @CsvSource({"cpu, true", "pytorch, true", "cpu, false", "pytorch, false"})
    void theFusedLayerComputesTheDocumentedLstmForwardAndBackward(String backend, boolean weightsTrain) {
        Engine engine = Plugins.load(FusedLstmTest.class.getClassLoader()).backends().get(backend).open();
        try (NDManager manager = engine.newBaseManager()) {
            LstmLayer layer = new LstmLayer(IN, H);
            layer.initialize(manager, DataType.FLOAT32, new Shape(B, T, IN));
            float[] input = manager.randomNormal(new Shape(B, T, IN)).toFloatArray();
            List<NDArray> weights = layer.getParameters().values().stream().map(Parameter::getArray).toList();
            // Copies, with gradients of their own (PyTorch adds a second backward pass's gradients to the first's)
            List<NDArray> copies = weights.stream().map(w -> manager.create(w.toFloatArray(), w.getShape())).toList();

            NDArray x = manager.create(input, new Shape(B, T, IN));
            float[][] fused = outputAndGradients(engine, x, weightsTrain ? weights : List.of(),
                    () -> layer.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow());
            NDArray sameX = manager.create(input, new Shape(B, T, IN));
            float[][] writtenOut = outputAndGradients(engine, sameX, weightsTrain ? copies : List.of(), () -> writtenOut(sameX, copies));
            assertThat(fused).hasSameDimensionsAs(writtenOut);
            for (int i = 0; i < fused.length; i++) {
                assertThat(maxDifference(fused[i], writtenOut[i])).as("%s, array %d of output, input gradient and weight gradients",
                        backend, i).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void theParametersKeepPyTorchsNamesAndShapes() {
        LstmLayer layer = new LstmLayer(IN, H);
        assertThat(layer.getParameters().keys()).containsExactly("weight_ih", "weight_hh", "bias_ih", "bias_hh");
    }

    /**
     * The output, the input's gradient, then each trained weight's gradient, of a fixed weighted sum of the outputs (so
     * every output counts).
     */
    private static float[][] outputAndGradients(Engine engine, NDArray x, List<NDArray> trained, java.util.function.Supplier<NDArray> forward) {
        x.setRequiresGradient(true);
        trained.forEach(w -> w.setRequiresGradient(true));
        List<float[]> arrays = new ArrayList<>();
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray out = forward.get();
            arrays.add(out.toFloatArray());
            float[] coefficients = new float[(int) out.size()];
            Random rng = new Random(5);
            for (int i = 0; i < coefficients.length; i++) {
                coefficients[i] = (float) rng.nextGaussian();
            }
            collector.backward(out.mul(out.getManager().create(coefficients, out.getShape())).sum());
        }
        arrays.add(x.getGradient().toFloatArray());
        trained.forEach(w -> arrays.add(w.getGradient().toFloatArray()));
        return arrays.toArray(new float[0][]);
    }

    /** PyTorch's nn.LSTM equations, batch first, zero initial state; weights in {@link LstmLayer}'s order. */
    private static NDArray writtenOut(NDArray x, List<NDArray> weights) {
        NDArray wIh = weights.get(0);
        NDArray wHh = weights.get(1);
        NDArray bIh = weights.get(2);
        NDArray bHh = weights.get(3);
        NDArray h = x.getManager().zeros(new Shape(B, H));
        NDArray c = h;
        NDList outputs = new NDList();
        for (int t = 0; t < T; t++) {
            NDArray xt = x.get(":, {}, :", t);
            NDArray gates = xt.matMul(wIh.transpose()).add(bIh).add(h.matMul(wHh.transpose())).add(bHh);
            NDList split = gates.split(4, 1);
            NDArray i = split.get(0).getNDArrayInternal().sigmoid();
            NDArray f = split.get(1).getNDArrayInternal().sigmoid();
            NDArray g = split.get(2).tanh();
            NDArray o = split.get(3).getNDArrayInternal().sigmoid();
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh());
            outputs.add(h);
        }
        return NDArrays.stack(outputs, 1);
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
