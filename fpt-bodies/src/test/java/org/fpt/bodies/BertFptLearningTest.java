package org.fpt.bodies;

import static org.assertj.core.api.Assertions.assertThat;

import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.fpt.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The default body end to end: pretrained MiniLM, attention and feed-forward frozen, on a real task. */
class BertFptLearningTest {
    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    @Test
    void frozenMiniLmLearnsBitXor() {
        TrainingResult result = train("minilm-l6", BodySource.Init.PRETRAINED, "bit-xor", Readout.MEAN, 300);
        assertThat(result.trainableParams()).isLessThan(result.totalParams() / 20);
        assertThat(result.test().accuracy()).isGreaterThanOrEqualTo(0.99);
    }

    /** {@code -Dfpt.experiment=readout}: every readout on bit-xor and bit-memory, pretrained and random. */
    @Test
    @EnabledIfSystemProperty(named = "fpt.experiment", matches = "readout")
    void compareReadouts() {
        int steps = Integer.getInteger("fpt.steps", 300);
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
                }
            }
        }
    }

    private TrainingResult train(String bodyName, BodySource.Init init, String taskName, Readout readout, int steps) {
        Backend backend = plugins.bestBackend();
        backend.open();
        Task task = plugins.tasks().get(taskName).create(TaskOptions.of(1));
        Body body = plugins.bodySourceFor(bodyName).create(bodyName, init);
        try (FptTrainer trainer = new FptTrainer(task, body, plugins.adapters().get("linear"), plugins.policies().get("fpt"),
                readout, TrainingConfig.defaults(steps, 32, 1), backend.device(), "MXNet")) {
            return trainer.train(TrainingListener.NONE);
        }
    }
}
