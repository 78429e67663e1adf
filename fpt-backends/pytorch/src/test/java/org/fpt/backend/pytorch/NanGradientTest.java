package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One batch with a NaN gives NaN gradients. PyTorch adds each backward's gradients to the previous ones, so
 * unless they are zeroed for real (not by {@code g - g}, which keeps the NaN) every later step is NaN too.
 * After the bad step, the next good step must equal that of a twin trainer that never saw the bad batch.
 */
class NanGradientTest {
    private static final Plugins PLUGINS = Plugins.load(NanGradientTest.class.getClassLoader());

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "cpu"})
    void aNanBatchLeavesNoTraceInTheNextStep(String backend) {
        String engine = PLUGINS.backends().get(backend).open().getEngineName();
        Task task = PLUGINS.tasks().get("bit-xor").create(TaskOptions.of(3));
        TrainingConfig config = TrainingConfig.defaults(10, 8, 3);
        try (FptTrainer twin = trainer(task, config, engine); FptTrainer hit = trainer(task, config, engine)) {
            copy(twin.parameters(), hit.parameters());
            Batch good = task.trainBatch(8, new Random(5));
            float[] values = good.values().clone();
            values[0] = Float.NaN;
            try {
                hit.step(Batch.ofValues(8, good.tokens(), values, good.labels()));
            } catch (RuntimeException refused) {
                // a diverged step may be refused; what matters is that it leaves nothing behind
            }
            float expected = twin.step(good);
            float actual = hit.step(good);
            assertThat(actual).as("loss of the first good step after the NaN batch").isFinite().isEqualTo(expected);
            twin.parameters().forEach((path, p) -> assertThat(hit.parameters().get(path).getArray().toFloatArray())
                    .as("%s after the good step", path).containsExactly(p.getArray().toFloatArray()));
        }
    }

    private static FptTrainer trainer(Task task, TrainingConfig config, String engine) {
        return new FptTrainer(task, new Gpt2Body(Gpt2Config.tiny().withDropout(0f), "random init"), PLUGINS.adapters().get("linear"),
                PLUGINS.policies().get("fpt"), Readout.LAST, config, ai.djl.Device.cpu(), engine);
    }

    private static void copy(Map<ParameterPath, Parameter> from, Map<ParameterPath, Parameter> to) {
        from.forEach((path, parameter) -> {
            NDArray target = to.get(path).getArray();
            target.set(FloatBuffer.wrap(parameter.getArray().toFloatArray()));
        });
    }
}
