package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * A plugin written the natural DJL way ({@code x.mul(0.5f)} in its adapter) and a garbage collection during a
 * step's forward pass: the step is computed again, so the run equals, bit for bit, a twin that no collection
 * touched. Without the recompute the first step's gradients would come from freed memory ({@link FreedScalarTest}).
 */
class CollectionDuringStepTest {
    private static final Plugins PLUGINS = Plugins.load(CollectionDuringStepTest.class.getClassLoader());

    @Test
    void aStepWithACollectionDuringItsBackwardPassIsRecomputed() {
        Task task = PLUGINS.tasks().get("bit-xor").create(TaskOptions.of(3));
        TrainingConfig config = TrainingConfig.defaults(10, 8, 3);
        AtomicBoolean collectOnce = new AtomicBoolean(false);
        try (FptTrainer twin = trainer(task, config, new AtomicBoolean(false));
             FptTrainer hit = trainer(task, config, collectOnce)) {
            collectOnce.set(true); // armed after the build, whose shape inference runs the adapter too
            for (int step = 1; step <= 3; step++) {
                Random data = new Random(step);
                float expected = twin.step(task.trainBatch(8, data));
                float actual = hit.step(task.trainBatch(8, new Random(step)));
                assertThat(actual).as("loss of step %d", step).isEqualTo(expected);
            }
            assertThat(collectOnce).isFalse();
            assertThat(hit.recomputedSteps()).isGreaterThanOrEqualTo(1);
            twin.parameters().forEach((path, p) -> assertThat(hit.parameters().get(path).getArray().toFloatArray())
                    .as("%s after three steps", path).containsExactly(p.getArray().toFloatArray()));
        }
    }

    private static FptTrainer trainer(Task task, TrainingConfig config, AtomicBoolean collectOnce) {
        // Random init from seed 3 in both trainers: the twins start from the same weights.
        return new FptTrainer(task, new Gpt2Body(Gpt2Config.tiny(), "random init"), halving(collectOnce),
                PLUGINS.policies().get("fpt"), Readout.LAST, config, ai.djl.Device.cpu(), "PyTorch");
    }

    /** The linear adapter, then {@code x.mul(0.5f)}; a collection right after the product when {@code collectOnce}. */
    private static ModalityAdapter halving(AtomicBoolean collectOnce) {
        ModalityAdapter linear = PLUGINS.adapters().get("linear");
        return new ModalityAdapter() {
            @Override
            public String name() {
                return "halving";
            }

            @Override
            public boolean supports(InputSpec input) {
                return linear.supports(input);
            }

            @Override
            public Block inputLayer(InputSpec input, int hiddenSize) {
                return new SequentialBlock().add(linear.inputLayer(input, hiddenSize)).add(new LambdaBlock(list -> {
                    NDList halved = new NDList(list.singletonOrThrow().mul(0.5f));
                    if (collectOnce.getAndSet(false)) {
                        DirectBuffers.collectAndFree();
                    }
                    return halved;
                }));
            }

            @Override
            public Block outputHead(int hiddenSize, OutputSpec output) {
                return linear.outputHead(hiddenSize, output);
            }
        };
    }
}
