package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.fpt.plugin.Plugins;
import org.fpt.spi.BodySource.Init;
import org.fpt.train.RunSpec;
import org.fpt.train.RunSummary;
import org.fpt.train.Runs;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real data files, the real reader, real training and an assertion that can fail: 600 synthetic digits in
 * MNIST's IDX files ({@link SyntheticDigits}), read by the {@code mnist} task, trained through the host's
 * entry point ({@link Runs}) on gpt2-tiny (random init, policy full, the defaults: Adam at 1e-3, batch 32),
 * then tested on 200 images it never saw. Chance is 10%; measured here: 0.985 after 200 steps (about 20
 * steps reach 0.12, so a broken reader, label order or training loop cannot pass).
 */
class MnistLearningTest {
    private static final int STEPS = 200;
    private static final double THRESHOLD = 0.9;

    @TempDir
    Path dir;

    @Test
    void aSmallBodyLearnsDigitsFromIdxFiles() {
        SyntheticDigits.write(dir, 600, 200, 42);
        RunSpec spec = new RunSpec("mnist", "gpt2-tiny", Init.RANDOM, "full", Optional.empty(), Optional.empty(), Optional.of(dir),
                Map.of("validation-size", "100"), TrainingConfig.defaults(STEPS, 32, 1));
        RunSummary summary = new Runs(Plugins.load(getClass().getClassLoader())).run(spec, TrainingListener.NONE);
        System.out.printf("synthetic digits: test accuracy %.3f after %d steps%n", summary.test_accuracy(), STEPS);
        assertThat(summary.test_accuracy()).as("test accuracy over 200 unseen images (chance 0.1)").isGreaterThanOrEqualTo(THRESHOLD);
    }
}
