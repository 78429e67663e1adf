package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.BodySource;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.fpt.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each task, found through ServiceLoader as the host finds it, trains a few steps end to end on a tiny
 * GPT-2 and is evaluated on every example of its held-out splits.
 */
class TaskTrainingTest {
    static final Plugins PLUGINS = Plugins.load(TaskTrainingTest.class.getClassLoader());

    @TempDir
    Path dir;

    @Test
    void mnist() {
        Task task = create("mnist", TestFiles.mnist(dir, 40, 9), Map.of("validation-size", "5", "pad-to", "32"));
        assertTrainsAndEvaluatesEverything(task);
    }

    @Test
    void cifar10() {
        Task task = create("cifar10", TestFiles.cifarDir(dir, 4), Map.of("validation-size", "3"));
        assertTrainsAndEvaluatesEverything(task);
    }

    @Test
    void cifar10Lra() {
        Task task = create("cifar10-lra", TestFiles.cifarDir(dir, 2), Map.of("validation-size", "2"));
        assertThat(task.input().tokens()).isEqualTo(1024);
        assertTrainsAndEvaluatesEverything(task);
    }

    @Test
    void imageFolder() {
        for (int i = 0; i < 12; i++) {
            int shade = 20 * i;
            String split = i < 9 ? "train" : "test";
            TestImages.png(dir.resolve(split + "/" + (char) ('a' + i % 3) + "/" + i + ".png"), TestImages.rgb(8, 8, (x, y) -> shade << 8 | x * 30));
        }
        Task task = create("image-folder", dir, Map.of("validation-size", "3"));
        assertThat(task.input().tokens()).isEqualTo(4);
        assertThat(task.output().numClasses()).isEqualTo(3);
        assertTrainsAndEvaluatesEverything(task);
    }

    @Test
    void listops() {
        create("listops", dir, Map.of("generate", "true", "train-size", "8", "val-size", "3", "test-size", "2"));
        // 2000 tokens do not fit GPT-2's 1024 positions: the host says so; 512 is the paper's setting
        assertThatThrownBy(() -> train(create("listops", dir, Map.of()), 1)).hasMessageContaining("only 1024 positions: pass --positions 2000 to extend them");
        assertTrainsAndEvaluatesEverything(create("listops", dir, Map.of("max-length", "512")));
    }

    @Test
    void remoteHomology() {
        String train = "[" + RemoteHomologyTest.entry("MKVLAAGIV", 3) + ", " + RemoteHomologyTest.entry("ACDEFGHIKLMNPQRSTVWY", 1100) + "]";
        RemoteHomologyTest.writeSplits(dir, train, "[" + RemoteHomologyTest.entry("GGSGG", 3) + "]",
                "[" + RemoteHomologyTest.entry("WYYW", 3) + ", " + RemoteHomologyTest.entry("KKK", 7) + ", "
                        + RemoteHomologyTest.entry("PPPPPPPPPPPP", 1194) + "]");
        assertTrainsAndEvaluatesEverything(create("remote-homology", dir, Map.of()));
    }

    private static Task create(String name, Path dir, Map<String, String> properties) {
        return PLUGINS.tasks().get(name).create(TestFiles.options(dir, properties));
    }

    private static void assertTrainsAndEvaluatesEverything(Task task) {
        TrainingResult result = train(task, 3);
        assertThat(result.history()).isNotEmpty();
        TrainingResult.Step last = result.history().get(result.history().size() - 1);
        assertThat(last.trainLoss()).isFinite();
        assertThat(last.evaluation().split()).isEqualTo(Split.VALIDATION);
        assertThat(last.evaluation().examples()).isEqualTo(task.size(Split.VALIDATION));
        assertThat(result.test().examples()).isEqualTo(task.size(Split.TEST));
        assertThat(result.test().loss()).isFinite();
        assertThat(result.trainableParams()).isLessThan(result.totalParams());
    }

    static TrainingResult train(Task task, int steps) {
        Backend backend = PLUGINS.bestBackend();
        backend.open();
        var body = PLUGINS.bodySourceFor("gpt2-tiny").create("gpt2-tiny", BodySource.Init.RANDOM);
        // eval batches of 2 so that every split is walked in several batches, the last one partial
        TrainingConfig config = new TrainingConfig(steps, 4, 1e-3f, 1, 1.0f, steps, 2, 4);
        try (FptTrainer trainer = new FptTrainer(task, body, PLUGINS.adapters().get(task.inputAdapter()),
                PLUGINS.policies().get("fpt"), Readout.LAST, config, backend.device(), "MXNet")) {
            return trainer.train(TrainingListener.NONE);
        }
    }
}
