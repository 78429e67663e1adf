package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the gradients' norm is not finite under a finite loss, the error names the parameters whose gradient holds
 * the NaN or the infinity, in order; finite ones are not named. And the message lists at most five.
 */
class NonFiniteGradientsTest {
    @Test
    void theParametersWhoseGradientIsNotFiniteAreNamed() {
        Engine engine = Engine.getEngine("MXNet");
        try (NDManager manager = engine.newBaseManager()) {
            Map<String, Parameter> byPath = new LinkedHashMap<>();
            NDArray fine = parameter(byPath, "head.weight", manager.create(new float[] {1f, 2f}));
            NDArray infinite = parameter(byPath, "input.weight", manager.create(new float[] {1f}));
            NDArray nan = parameter(byPath, "ln.bias", manager.create(new float[] {1f}));
            float loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                // sqrt at 0: the value is finite, its derivative infinite; times 0, the derivative is 0 * inf = NaN
                NDArray value = fine.sum().add(infinite.sub(1f).sqrt().sum()).add(nan.sub(1f).sqrt().mul(0f).sum());
                collector.backward(value);
                loss = value.getFloat();
            }
            assertThat(loss).isEqualTo(3f);

            assertThat(new TrainableParameters(byPath, 1e-3f).nonFiniteGradients(manager)).containsExactly("input.weight", "ln.bias");
        }
    }

    @Test
    void theMessageNamesAtMostFive() {
        List<String> seven = List.of("a", "b", "c", "d", "e", "f", "g");
        try {
            TrainingDivergedException.requireFinite(25, "the gradients' global norm", Double.NaN, seven);
        } catch (TrainingDivergedException e) {
            assertThat(e).hasMessageStartingWith("The run diverged at step 25: the gradients' global norm is NaN, not finite in a, b, c, d, e and 2 more (");
            return;
        }
        throw new AssertionError("not refused");
    }

    private static NDArray parameter(Map<String, Parameter> byPath, String path, NDArray array) {
        Parameter parameter = Parameter.builder().setName(path).setType(Parameter.Type.WEIGHT).build();
        parameter.setArray(array);
        array.setRequiresGradient(true);
        byPath.put(path, parameter);
        return array;
    }
}
