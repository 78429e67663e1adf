package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.fpt.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The default body end to end: pretrained MiniLM in the trainer under the paper's policy. The learning
 * runs take minutes on two cores, so they are experiments ({@code -Dfpt.experiment=learning|readout}).
 */
class BertFptLearningTest {
    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    @Test
    void fptPolicyTrainsPositionsNormsAndAdaptersAndLeavesPretrainedWeightsFrozen() {
        Task task = plugins.tasks().get("bit-xor").create(TaskOptions.of(1));
        try (FptTrainer trainer = trainer(task, "minilm-l6", BodySource.Init.PRETRAINED, Readout.MEAN, TrainingConfig.defaults(3, 16, 1))) {
            Map<ParameterPath, Parameter> parameters = trainer.parameters();
            Parameter query = find(parameters, "body.encoder.layer.3.attention.self.query.weight");
            Parameter positions = find(parameters, "body.embeddings.position_embeddings.weight");
            Parameter norm = find(parameters, "body.encoder.layer.3.output.LayerNorm.weight");
            float[] queryBefore = query.getArray().toFloatArray();
            float[] positionsBefore = positions.getArray().toFloatArray();
            float[] normBefore = norm.getArray().toFloatArray();
            // pretrained, not HF's init (where every LayerNorm scale is 1)
            assertThat(distinct(normBefore)).isGreaterThan(100);

            Random rng = new Random(1);
            for (int i = 0; i < 3; i++) {
                trainer.step(task.trainBatch(16, rng));
            }

            EnumSet<Role> trained = EnumSet.of(Role.INPUT, Role.OUTPUT, Role.POSITION, Role.LAYER_NORM);
            parameters.forEach((path, p) -> assertThat(p.requiresGradient()).as(path.toString()).isEqualTo(trained.contains(path.role())));
            assertThat(query.getArray().toFloatArray()).containsExactly(queryBefore);
            assertThat(positions.getArray().toFloatArray()).isNotEqualTo(positionsBefore);
            assertThat(norm.getArray().toFloatArray()).isNotEqualTo(normBefore);
            System.out.printf("minilm-l6 under 'fpt': %,d of %,d parameters train%n", trainer.trainableParams(), trainer.totalParams());
        }
    }

    /** {@code -Dfpt.experiment=learning}: 300 steps of bit-xor (about a minute per run on two cores). */
    @Test
    @EnabledIfSystemProperty(named = "fpt.experiment", matches = "learning")
    void frozenMiniLmLearnsBitXor() {
        TrainingResult result = train("minilm-l6", BodySource.Init.PRETRAINED, "bit-xor", Readout.MEAN, 300);
        result.history().forEach(s -> System.out.println("minilm-l6 bit-xor step " + s.step() + ": " + s.evaluation()));
        assertThat(result.test().accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    /** {@code -Dfpt.experiment=readout}: every readout, pretrained and random ({@code fpt.steps}, {@code fpt.tasks}, {@code fpt.inits}). */
    @Test
    @EnabledIfSystemProperty(named = "fpt.experiment", matches = "readout")
    void compareReadouts() {
        int steps = Integer.getInteger("fpt.steps", 300);
        java.util.Map<String, Double> accuracy = new java.util.HashMap<>();
        for (String task : System.getProperty("fpt.tasks", "bit-xor").split(",")) {
            for (String initName : System.getProperty("fpt.inits", "PRETRAINED,RANDOM").split(",")) {
                BodySource.Init init = BodySource.Init.valueOf(initName);
                for (Readout readout : Readout.values()) {
                    if (readout == Readout.MEAN && !task.equals("bit-xor")) {
                        continue;
                    }
                    TrainingResult r = train("minilm-l6", init, task, readout, steps);
                    System.out.printf("EXPERIMENT task=%s init=%s readout=%s steps=%d accuracy=%.4f seconds=%.1f%n",
                            task, init, readout, steps, r.test().accuracy(), r.seconds());
                    accuracy.put(task + "/" + readout + "/" + init, r.test().accuracy());
                }
            }
        }
        // The paper's claim, per readout: wherever both inits ran, pretrained beats random init.
        accuracy.forEach((key, pretrained) -> {
            if (key.endsWith("/PRETRAINED")) {
                Double random = accuracy.get(key.replace("/PRETRAINED", "/RANDOM"));
                if (random != null) {
                    assertThat(pretrained).as(key + " vs random init").isGreaterThan(random);
                }
            }
        });
    }

    private TrainingResult train(String bodyName, BodySource.Init init, String taskName, Readout readout, int steps) {
        Task task = plugins.tasks().get(taskName).create(TaskOptions.of(1));
        try (FptTrainer trainer = trainer(task, bodyName, init, readout, TrainingConfig.defaults(steps, 32, 1))) {
            return trainer.train(TrainingListener.NONE);
        }
    }

    private FptTrainer trainer(Task task, String bodyName, BodySource.Init init, Readout readout, TrainingConfig config) {
        Backend backend = plugins.bestBackend();
        backend.open();
        Body body = plugins.bodySourceFor(bodyName).create(bodyName, init);
        return new FptTrainer(task, body, plugins.adapters().get("linear"), plugins.policies().get("fpt"), readout, config,
                backend.device(), "MXNet");
    }

    private static Parameter find(Map<ParameterPath, Parameter> parameters, String dotted) {
        return parameters.entrySet().stream().filter(e -> e.getKey().dotted().equals(dotted)).findFirst().orElseThrow().getValue();
    }

    private static long distinct(float[] values) {
        return java.util.stream.IntStream.range(0, values.length).mapToObj(i -> values[i]).distinct().count();
    }
}
