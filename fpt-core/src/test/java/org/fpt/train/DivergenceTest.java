package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.gpt2.Gpt2Model;
import org.fpt.bodies.gpt2.PretrainedGpt2Body;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.safetensors.SafetensorsFiles;
import org.fpt.spi.Body;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.Task.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose loss or weights stop being numbers ends with an error saying at which step, never with a result. */
class DivergenceTest {
    private static final String FROZEN = "body.h.0.mlp.c_fc.weight";

    @TempDir
    Path dir;

    @Test
    void aLearningRateOf1e30StopsTheRunAtTheStepItDiverges() {
        try (FptTrainer trainer = trainer(new Gpt2Body(Gpt2Config.tiny(), "random init"), 1e30f)) {
            assertThatThrownBy(() -> trainer.train(TrainingListener.NONE))
                    .hasMessageMatching("The run diverged at step [0-9]+: .* is (NaN|-?Infinity) .*");
        }
    }

    @Test
    void nanWeightsInTheBodysSafetensorsStopTheRunAtStepOne() {
        Gpt2Config config = Gpt2Config.tiny();
        SafetensorsFiles file = new SafetensorsFiles();
        for (Map.Entry<String, Shape> e : new Gpt2Model(config).checkpointShapes().entrySet()) {
            file.filled(e.getKey(), e.getValue(), e.getKey().equals("h.0.mlp.c_fc.weight") ? Float.NaN : 0.01f);
        }
        Path weights = file.write(dir.resolve("model.safetensors"));
        try (FptTrainer trainer = trainer(new PretrainedGpt2Body(config, weights), 1e-3f)) {
            assertThatThrownBy(() -> trainer.train(TrainingListener.NONE))
                    .hasMessageStartingWith("The run diverged at step 1: the training loss is NaN");
        }
    }

    @Test
    void nanInAFrozenWeightHoweverItGotThereStopsTrainingAndEvaluation() {
        try (FptTrainer trainer = trainer(new Gpt2Body(Gpt2Config.tiny(), "random init"), 1e-3f)) {
            trainer.step(ToyTask.INSTANCE.trainBatch(8, new java.util.Random(1)));
            poison(trainer.parameters());
            assertThatThrownBy(() -> trainer.evaluate(Split.TEST))
                    .hasMessageStartingWith("The evaluation failed: the loss over the test split is NaN");
            assertThatThrownBy(() -> trainer.train(TrainingListener.NONE))
                    .hasMessageStartingWith("The run diverged at step 1: the training loss is NaN");
        }
    }

    @Test
    void aRefusedStepLeavesTheTrainableWeightsAsTheyWere() {
        try (FptTrainer trainer = trainer(new Gpt2Body(Gpt2Config.tiny(), "random init"), 1e-3f)) {
            float[] before = trainer.parameters().entrySet().stream().filter(e -> e.getKey().dotted().equals("out.weight"))
                    .findFirst().orElseThrow().getValue().getArray().toFloatArray();
            var batch = ToyTask.INSTANCE.trainBatch(8, new java.util.Random(1));
            float[] values = batch.values().clone();
            values[3] = Float.NaN;
            assertThatThrownBy(() -> trainer.step(org.fpt.spi.Batch.ofValues(8, 2, values, batch.labels())))
                    .hasMessageContaining("diverged");
            float[] after = trainer.parameters().entrySet().stream().filter(e -> e.getKey().dotted().equals("out.weight"))
                    .findFirst().orElseThrow().getValue().getArray().toFloatArray();
            assertThat(after).containsExactly(before);
        }
    }

    private static void poison(Map<ParameterPath, Parameter> parameters) {
        Parameter frozen = parameters.entrySet().stream().filter(e -> e.getKey().dotted().equals(FROZEN))
                .findFirst().orElseThrow().getValue();
        float[] values = frozen.getArray().toFloatArray();
        Arrays.fill(values, 0, 7, Float.NaN);
        frozen.getArray().set(values);
    }

    private static FptTrainer trainer(Body body, float lr) {
        Engine.getEngine("MXNet");
        TrainingConfig config = TrainingConfig.defaults(6, 8, 3).withLearningRate(lr);
        return new FptTrainer(ToyTask.INSTANCE, body, new LinearAdapter(), new FptPolicy(), Readout.LAST, config, Device.cpu(), "MXNet");
    }
}
