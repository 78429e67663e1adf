package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.gpt2.Gpt2Model;
import org.fpt.bodies.gpt2.PretrainedGpt2Body;
import org.fpt.bodies.vit.VitBody;
import org.fpt.bodies.vit.VitConfig;
import org.fpt.bodies.vit.VitModel;
import org.fpt.bodies.vit.VitWeights;
import org.fpt.model.PositionTables;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.safetensors.SafetensorsFiles;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task longer than the body's positions is refused at start, naming the limit and {@code --positions};
 * with the positions extended, the pretrained rows are loaded as they are, the new rows come from them
 * ({@link PositionTables}), and the whole table trains under {@code fpt}.
 */
class PositionsTest {
    @TempDir
    Path dir;

    @Test
    void gpt2RefusesALongTaskThenTrainsOnItWithExtendedPositions() {
        Gpt2Config config = Gpt2Config.tiny().withPositions(8);
        Path weights = write(new Gpt2Model(config).checkpointShapes());
        Task task = new LongTask(12);
        assertThatThrownBy(() -> trainer(new PretrainedGpt2Body(config, weights), task))
                .hasMessage("The task has 12 tokens; body 'gpt2-tiny' has only 8 positions: pass --positions 12 to extend them "
                        + "(new rows start from the pretrained ones, and train under a policy that trains positions, as fpt does)");

        Body body = new PretrainedGpt2Body(config, weights);
        body.extendPositions(12);
        assertThat(body.maxPositions()).isEqualTo(12);
        assertThat(body.info().parameters()).isEqualTo(config.withPositions(12).parameterCount());
        try (FptTrainer trainer = trainer(body, task)) {
            float[] wpe = array(trainer, "body.wpe.weight");
            float[] file = values("wpe.weight", 8 * 64);
            assertThat(Arrays.copyOf(wpe, 8 * 64)).as("pretrained rows").containsExactly(file);
            assertThat(wpe).as("new rows from PositionTables").containsExactly(PositionTables.extend(file, 64, 0, 12));
            assertThat(Arrays.copyOfRange(wpe, 8 * 64, 9 * 64)).as("first new row = pretrained row 0").containsExactly(Arrays.copyOf(file, 64));
            assertThat(Arrays.copyOfRange(wpe, 11 * 64, 12 * 64)).as("last new row = pretrained row 7")
                    .containsExactly(Arrays.copyOfRange(file, 7 * 64, 8 * 64));
            trainer.step(task.trainBatch(4, new Random(1)));
            assertThat(Arrays.copyOfRange(array(trainer, "body.wpe.weight"), 10 * 64, 12 * 64)).as("new rows train")
                    .isNotEqualTo(Arrays.copyOfRange(wpe, 10 * 64, 12 * 64));
        }
    }

    @Test
    void vitKeepsItsClsRowAndExtendsThePatchRows() {
        VitConfig config = VitConfig.tiny().withPatches(6);
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        org.fpt.model.ParameterPaths.of(new VitModel(config)).forEach((path, p) -> shapes.put(path, p.getShape()));
        Path weights = write(shapes);
        VitBody body = new VitBody(config, "test", model -> VitWeights.load(model, weights));
        body.extendPositions(10);
        try (FptTrainer trainer = trainer(body, new LongTask(10))) {
            float[] table = array(trainer, "body." + VitModel.POSITIONS);
            float[] file = values(VitModel.POSITIONS, 7 * 64);
            assertThat(table).hasSize(11 * 64).startsWith(file).containsExactly(PositionTables.extend(file, 64, 1, 10));
        }
    }

    @Test
    void theRunDescriptionKeepsThePositionsSoACheckpointRebuildsTheSameModel() {
        RunSpec plain = new RunSpec("bit-xor", "gpt2-tiny", org.fpt.spi.BodySource.Init.RANDOM, "fpt", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), Map.of(), TrainingConfig.defaults(2, 4, 3));
        assertThat(RunDescriptions.toJson(plain).has("positions")).as("absent unless asked").isFalse();
        RunSpec extended = plain.withPositions(2048);
        assertThat(RunDescriptions.fromJson(RunDescriptions.toJson(extended))).isEqualTo(extended);
        assertThat(RunDescriptions.fromJson(RunDescriptions.toJson(plain))).isEqualTo(plain);
    }

    /** Every tensor filled with {@link #values}, as a safetensors file. */
    private Path write(Map<String, Shape> shapes) {
        SafetensorsFiles file = new SafetensorsFiles();
        shapes.forEach((key, shape) -> file.f32(key, shape, values(key, (int) shape.size())));
        return file.write(dir.resolve("model.safetensors"));
    }

    private static float[] values(String key, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = ((key.hashCode() + i) % 101) * 1e-3f;
        }
        return values;
    }

    private static float[] array(FptTrainer trainer, String path) {
        return trainer.parameters().entrySet().stream().filter(e -> e.getKey().dotted().equals(path)).findFirst().orElseThrow()
                .getValue().getArray().toFloatArray();
    }

    private static FptTrainer trainer(Body body, Task task) {
        Engine.getEngine("MXNet");
        return new FptTrainer(task, body, new LinearAdapter(), new FptPolicy(), body.causal() ? Readout.LAST : Readout.FIRST,
                TrainingConfig.defaults(2, 4, 3), Device.cpu(), "MXNet");
    }

    /** {@code tokens} tokens of 3 values; the label is the sign of the sum of the first value over all tokens. */
    private record LongTask(int tokens) implements Task {
        @Override
        public InputSpec input() {
            return InputSpec.values(tokens, 3);
        }

        @Override
        public OutputSpec output() {
            return new OutputSpec(1, 1, 2);
        }

        @Override
        public Batch trainBatch(int batchSize, Random rng) {
            float[] values = new float[batchSize * tokens * 3];
            int[] labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                float sum = 0;
                for (int v = 0; v < tokens * 3; v++) {
                    values[i * tokens * 3 + v] = (float) rng.nextGaussian();
                    sum += v % 3 == 0 ? values[i * tokens * 3 + v] : 0;
                }
                labels[i] = sum > 0 ? 1 : 0;
            }
            return Batch.ofValues(batchSize, tokens, values, labels);
        }

        @Override
        public int size(Split split) {
            return split == Split.TEST ? 4 : 0;
        }

        @Override
        public Batch batch(Split split, int from, int to) {
            return trainBatch(to - from, new Random(from));
        }
    }
}
