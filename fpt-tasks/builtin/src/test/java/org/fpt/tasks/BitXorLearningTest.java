package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.BodySource;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.fpt.train.TrainingResult;
import org.junit.jupiter.api.Test;

class BitXorLearningTest {
    @Test
    void smallBodyLearnsBitXor() {
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        Backend backend = plugins.bestBackend();
        backend.open();
        Task task = plugins.tasks().get("bit-xor").create(TaskOptions.of(1));
        var body = plugins.bodySourceFor("gpt2-tiny").create("gpt2-tiny", BodySource.Init.RANDOM);
        TrainingConfig config = TrainingConfig.defaults(600, 32, 1);
        try (FptTrainer trainer = new FptTrainer(task, body, plugins.adapters().get("linear"),
                plugins.policies().get("full"), Readout.LAST, config, backend.device(), "MXNet")) {
            TrainingResult result = trainer.train(new TrainingListener() {
                @Override
                public void onEvaluation(int step, org.fpt.train.Evaluation e) {
                    System.out.println(step + " " + e);
                }
            });
            System.out.println(result.seconds() + "s");
            assertThat(result.test().accuracy()).isGreaterThanOrEqualTo(0.99);
        }
    }
}
