package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
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

/** The paper's LSTM row: a 3-layer layer-normed LSTM trained from scratch ({@code full}) on bit-xor. */
class LstmBaselineTest {
    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    @Test
    void lstmBodyTrainsOnBitXor() {
        Backend backend = plugins.bestBackend();
        backend.open();
        Task task = plugins.tasks().get("bit-xor").create(TaskOptions.of(1));
        Body body = plugins.bodySourceFor("lstm-32").create("lstm-32", BodySource.Init.RANDOM);
        assertThat(body.info().layers()).isEqualTo(3);
        assertThat(body.info().hiddenSize()).isEqualTo(32);
        // Few steps: the step time of a small recurrent model is all per-op overhead, which a loaded machine inflates.
        int steps = 60;
        TrainingConfig config = TrainingConfig.defaults(steps, 32, 1).withLearningRate(3e-3f).withEvalEvery(steps);
        try (FptTrainer trainer = new FptTrainer(task, body, plugins.adapters().get("linear"),
                plugins.policies().get("full"), Readout.LAST, config, backend.device(), "MXNet")) {
            Map<String, float[]> before = new LinkedHashMap<>();
            trainer.parameters().forEach((p, parameter) -> before.put(p.dotted(), parameter.getArray().toFloatArray()));
            assertThat(before.keySet()).contains("body.ln.2.weight", "body.lstm.2.weight_hh", "body.lstm.0.bias_ih");
            assertThat(trainer.totalParams() - inputAndHead(trainer)).isEqualTo(body.info().parameters());

            float[] losses = new float[steps];
            TrainingResult result = trainer.train(new TrainingListener() {
                @Override
                public void onStep(int step, float loss) {
                    losses[step - 1] = loss;
                }
            });
            float early = mean(losses, 0, 10);
            float late = mean(losses, steps - 10, steps);
            System.out.printf("lstm-32 bit-xor: loss %.4f -> %.4f, test accuracy %.4f after %d steps, %.1f s%n",
                    early, late, result.test().accuracy(), steps, result.seconds());
            assertThat(late).isLessThan(0.8f * early);
            assertThat(result.test().accuracy()).isGreaterThan(0.6);
            trainer.parameters().forEach((p, parameter) -> assertThat(parameter.getArray().toFloatArray())
                    .as("%s trains under full", p).isNotEqualTo(before.get(p.dotted())));
        }
    }

    @Test
    void lstmHasNoPretrainedWeights() {
        assertThatThrownBy(() -> plugins.bodySourceFor("lstm").create("lstm", BodySource.Init.PRETRAINED))
                .hasMessageContaining("no pretrained weights").hasMessageContaining("--init random --policy full");
        assertThat(plugins.bodySourceFor("lstm-128").create("lstm-128", BodySource.Init.RANDOM).info().hiddenSize()).isEqualTo(128);
    }

    private static float mean(float[] values, int from, int to) {
        float sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    private static long inputAndHead(FptTrainer trainer) {
        return trainer.parameters().entrySet().stream().filter(e -> !e.getKey().dotted().startsWith("body."))
                .mapToLong(e -> e.getValue().getArray().size()).sum();
    }
}
