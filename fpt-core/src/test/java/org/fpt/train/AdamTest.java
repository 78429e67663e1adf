package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One optimizer step as {@link FptTrainer} takes it (clip the gradients to global norm 1.0, then Adam with
 * bias correction), on the real engine, against Adam written out here in double precision after Kingma &
 * Ba (2015) and PyTorch's {@code clip_grad_norm_} + {@code torch.optim.Adam}, which the paper's code uses.
 * The engine computes the gradients: the loss is {@code sum_k w_k . c_k}, so the gradient of {@code w_k}
 * is the chosen {@code c_k}.
 */
class AdamTest {
    private static final double LR = 1e-3;
    private static final double CLIP = 1.0;
    private static final int STEPS = 30;

    @Test
    void clipAndAdamMatchAnIndependentDoublePrecisionAdamOverManySteps() {
        Random random = new Random(1);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("in.weight", new Shape(6, 5));
        shapes.put("in.bias", new Shape(6));
        shapes.put("out.weight", new Shape(4, 6));
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            Map<String, Reference> references = new LinkedHashMap<>();
            shapes.forEach((name, shape) -> {
                float[] initial = gaussian(random, (int) shape.size(), 1.0);
                Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
                NDArray array = manager.create(initial, shape);
                array.setRequiresGradient(true);
                parameter.setArray(array);
                parameters.put(name, parameter);
                references.put(name, new Reference(initial));
            });
            TrainableParameters trainable = new TrainableParameters(parameters, (float) LR);
            int clipped = 0;
            for (int t = 1; t <= STEPS; t++) {
                // Gradients whose global norm is sometimes far above the clip norm, sometimes below it; some tiny.
                double scale = t % 3 == 0 ? 0.05 : t % 3 == 1 ? 5.0 : 0.15; // global norms about 0.45, 45, 1.4
                Map<String, float[]> gradients = new LinkedHashMap<>();
                shapes.forEach((name, shape) -> gradients.put(name, gaussian(random, (int) shape.size(), scale)));
                try (NDManager step = manager.newSubManager()) {
                    try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
                        NDArray loss = null;
                        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
                            NDArray c = step.create(gradients.get(p.getKey()), shapes.get(p.getKey()));
                            NDArray term = p.getValue().getArray().mul(c).sum();
                            loss = loss == null ? term : loss.add(term);
                        }
                        collector.backward(loss);
                    }
                    float norm = trainable.clipGradients(step, (float) CLIP);
                    trainable.update(step);
                    if (Reference.step(references, gradients, t)) {
                        clipped++;
                        assertThat(norm).as("norm at step %d", t).isGreaterThan((float) CLIP);
                    }
                }
                for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
                    float[] actual = p.getValue().getArray().toFloatArray();
                    double[] expected = references.get(p.getKey()).weight;
                    for (int i = 0; i < actual.length; i++) {
                        // An update moves a weight by about LR; float32 rounding of weights near 1 is ~6e-8.
                        assertThat((double) actual[i]).as("%s[%d] after step %d", p.getKey(), i, t).isCloseTo(expected[i], within(2e-6));
                    }
                }
            }
            assertThat(clipped).as("steps that clipped").isBetween(1, STEPS - 1);
            assertThat(trainable.optimizerSteps()).isEqualTo(STEPS);
        }
    }

    /** Adam in double precision with its state: moments and weight of one parameter. */
    private static final class Reference {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPS = 1e-8;
        final double[] weight;
        final double[] m;
        final double[] v;

        Reference(float[] initial) {
            weight = new double[initial.length];
            for (int i = 0; i < initial.length; i++) {
                weight[i] = initial[i];
            }
            m = new double[initial.length];
            v = new double[initial.length];
        }

        /** Clips all gradients to global norm {@link #CLIP}, then one Adam step {@code t}; returns whether it clipped. */
        static boolean step(Map<String, Reference> references, Map<String, float[]> gradients, int t) {
            double squares = 0;
            for (float[] g : gradients.values()) {
                for (float x : g) {
                    squares += (double) x * x;
                }
            }
            double norm = Math.sqrt(squares);
            double coefficient = CLIP / (norm + 1e-6);
            boolean clips = coefficient < 1;
            references.forEach((name, r) -> {
                float[] g = gradients.get(name);
                for (int i = 0; i < g.length; i++) {
                    double grad = clips ? g[i] * coefficient : g[i];
                    r.m[i] = BETA1 * r.m[i] + (1 - BETA1) * grad;
                    r.v[i] = BETA2 * r.v[i] + (1 - BETA2) * grad * grad;
                    double mHat = r.m[i] / (1 - Math.pow(BETA1, t));
                    double vHat = r.v[i] / (1 - Math.pow(BETA2, t));
                    r.weight[i] -= LR * mHat / (Math.sqrt(vHat) + EPS);
                }
            });
            return clips;
        }
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }
}
