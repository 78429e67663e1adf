package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Select on validation, report on test: the run tests the weights of its best validation evaluation. */
class SelectionTest {
    /** A learning rate high enough that validation accuracy goes up and down: the best step is not the last. */
    private static final float JUMPY_LR = 0.3f;

    @TempDir
    Path dir;

    @Test
    void theTestSplitIsEvaluatedWithTheWeightsOfTheBestValidationStep() {
        try (FptTrainer trainer = trainer(12)) {
            TrainingResult result = trainer.train(TrainingListener.NONE);
            TrainingResult.Step best = best(result);
            assertThat(best.step()).as("this setting must make the best step differ from the last, or the test proves nothing")
                    .isNotEqualTo(12);
            assertThat(result.testedStep()).isEqualTo(best.step());
            // The model now holds the selected weights: validation gives the selected figure again, test the reported one.
            assertThat(trainer.evaluate(Task.Split.VALIDATION)).isEqualTo(best.evaluation());
            assertThat(trainer.evaluate(Task.Split.TEST)).isEqualTo(result.test());
        }
    }

    @Test
    void aResumedRunSelectsAmongEvaluationsBeforeTheInterruptionToo() {
        TrainingResult straight;
        try (FptTrainer trainer = trainer(12)) {
            straight = trainer.train(TrainingListener.NONE);
        }
        try (FptTrainer trainer = trainer(best(straight).step() + 2)) { // stopped after the best step
            trainer.train(TrainingListener.NONE, new Checkpointing(dir, 1, false).forRun(run()));
        }
        TrainingResult resumed;
        try (FptTrainer trainer = trainer(12)) {
            resumed = trainer.train(TrainingListener.NONE, new Checkpointing(dir, 100, true).forRun(run()));
        }
        assertThat(resumed.testedStep()).isEqualTo(straight.testedStep());
        assertThat(resumed.test()).isEqualTo(straight.test());
    }

    @Test
    void theLastCheckpointKeepsTheSelectedWeightsForEval() {
        TrainingResult result;
        try (FptTrainer trainer = trainer(12)) {
            result = trainer.train(TrainingListener.NONE, new Checkpointing(dir, 12, false).forRun(run()));
        }
        Checkpoint last = Checkpoint.read(Checkpointing.latest(dir).orElseThrow());
        assertThat(last.selectedStep()).isEqualTo(OptionalInt.of(result.testedStep()));
        assertThat(last.selectedEvaluation()).contains(best(result).evaluation());
        try (FptTrainer fresh = trainer(12)) {
            fresh.restore(last);
            fresh.useWeights(last.selectedWeights().orElseThrow());
            assertThat(fresh.evaluate(Task.Split.TEST)).isEqualTo(result.test());
        }
    }

    @Test
    void aSelectedModelThatDoesNotFitItsCheckpointIsRefused() {
        try (FptTrainer trainer = trainer(3)) {
            trainer.train(TrainingListener.NONE, new Checkpointing(dir, 3, false).forRun(run()));
        }
        Checkpoint good = Checkpoint.read(Checkpointing.latest(dir).orElseThrow());
        Path noEvaluation = dir.resolve("no-evaluation.safetensors");
        java.util.List<TrainingResult.Step> withoutStep2 = good.history().stream().filter(s -> s.step() != 2).toList();
        new Checkpoint(good.run(), good.body(), good.step(), good.optimizerSteps(), withoutStep2, good.tensors(), OptionalInt.of(2))
                .write(noEvaluation);
        assertThatThrownBy(() -> Checkpoint.read(noEvaluation)).hasMessageContaining(noEvaluation.toString())
                .hasMessageContaining("'selected_step' 2 has no validation evaluation");
        Map<String, Checkpoint.Tensor> missing = new HashMap<>(good.tensors());
        missing.keySet().removeIf(name -> name.startsWith(Checkpoint.SELECTED_PREFIX + "out"));
        Path partial = dir.resolve("partial.safetensors");
        new Checkpoint(good.run(), good.body(), good.step(), good.optimizerSteps(), good.history(), missing, good.selectedStep()).write(partial);
        assertThatThrownBy(() -> Checkpoint.read(partial)).hasMessageContaining(partial.toString())
                .hasMessageContaining("are not the trainable ones");
    }

    /** Highest validation accuracy; ties: lower loss, then the earlier step. */
    private static TrainingResult.Step best(TrainingResult result) {
        return result.history().stream().min(Comparator.<TrainingResult.Step>comparingDouble(s -> -s.evaluation().accuracy())
                .thenComparingDouble(s -> s.evaluation().loss()).thenComparingInt(TrainingResult.Step::step)).orElseThrow();
    }

    private static JsonObject run() {
        return RunDescriptions.toJson(new RunSpec("toy-validated", "gpt2-tiny", org.fpt.spi.BodySource.Init.RANDOM, "fpt",
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), Map.of(),
                TrainingConfig.defaults(12, 8, 7)));
    }

    private static FptTrainer trainer(int steps) {
        Engine.getEngine("MXNet");
        return new FptTrainer(new Validated(), new Gpt2Body(Gpt2Config.tiny(), "random init"), new LinearAdapter(), new FptPolicy(),
                Readout.LAST, TrainingConfig.defaults(steps, 8, 7).withLearningRate(JUMPY_LR).withEvalEvery(1), Device.cpu(), "MXNet");
    }

    /** {@link ToyTask} with a validation split of its own. */
    private static final class Validated implements Task {
        private final Batch validation = ToyTask.INSTANCE.trainBatch(64, new Random(5));

        @Override
        public InputSpec input() {
            return ToyTask.INSTANCE.input();
        }

        @Override
        public OutputSpec output() {
            return ToyTask.INSTANCE.output();
        }

        @Override
        public Batch trainBatch(int batchSize, Random rng) {
            return ToyTask.INSTANCE.trainBatch(batchSize, rng);
        }

        @Override
        public int size(Split split) {
            return split == Split.VALIDATION ? validation.size() : ToyTask.INSTANCE.size(split);
        }

        @Override
        public Batch batch(Split split, int from, int to) {
            if (split != Split.VALIDATION) {
                return ToyTask.INSTANCE.batch(split, from, to);
            }
            int width = 2 * ToyTask.BITS;
            return Batch.ofValues(to - from, 2, java.util.Arrays.copyOfRange(validation.values(), from * width, to * width),
                    java.util.Arrays.copyOfRange(validation.labels(), from * ToyTask.BITS, to * ToyTask.BITS));
        }
    }
}
