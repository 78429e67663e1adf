package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image tasks refuse absurd property values in one line naming the property. */
class ImagePropertiesTest {
    @TempDir
    Path dir;

    @Test
    void normalisationMustBeFiniteWithAPositiveStd() {
        TestFiles.cifarDir(dir, 2);
        TestFiles.mnist(dir, 4, 2);
        for (String task : List.of("mnist", "cifar10", "cifar10-lra", "image-folder")) {
            assertRefused(task, "std", "0", "Task '" + task + "': property 'std' must be > 0, got '0'");
            assertRefused(task, "std", "-1", "Task '" + task + "': property 'std' must be > 0, got '-1'");
            assertRefused(task, "std", "Infinity", "Task '" + task + "': property 'std' must be finite numbers, got 'Infinity'");
            assertRefused(task, "mean", "NaN", "Task '" + task + "': property 'mean' must be finite numbers, got 'NaN'");
            assertRefused(task, "mean", "1e39", "Task '" + task + "': property 'mean' must be finite numbers, got '1e39'");
        }
        assertRefused("cifar10", "std", "0.2,0,0.2", "Task 'cifar10': property 'std' must be > 0, got '0.2,0,0.2'");
    }

    @Test
    void augmentationSizesAndChannelsMustBeInRange() {
        TestFiles.cifarDir(dir, 2);
        assertRefused("cifar10", "rotation", "NaN", "Task 'cifar10': property 'rotation' must be finite numbers, got 'NaN'");
        assertRefused("cifar10", "rotation", "-5", "Task 'cifar10': property 'rotation' must be between 0.0 and 180.0, got -5.0");
        assertRefused("cifar10", "rotation", "1000", "Task 'cifar10': property 'rotation' must be between 0.0 and 180.0, got 1000.0");
        assertRefused("cifar10", "crop-padding", "32", "Task 'cifar10': property 'crop-padding' must be <= 31, got 32");
        assertRefused("cifar10", "crop-padding", "-1", "Task 'cifar10': property 'crop-padding' must be >= 0, got -1");
        assertRefused("cifar10", "patch", "0", "Task 'cifar10': property 'patch' must be >= 1, got 0");
        assertRefused("cifar10", "patch", "64", "Task 'cifar10': property 'patch' must be <= 32, got 64");
        assertRefused("cifar10-lra", "validation-size", "-1", "Task 'cifar10-lra': property 'validation-size' must be >= 0, got -1");
        assertRefused("mnist", "pad-to", "100000", "Task 'mnist': property 'pad-to' must be <= 4096, got 100000");
        assertRefused("image-folder", "channels", "2", "Task 'image-folder': property 'channels' must be 1 (grayscale) or 3 (RGB), got 2");
        assertRefused("image-folder", "channels", "4", "Task 'image-folder': property 'channels' must be <= 3, got 4");
        assertRefused("image-folder", "resize", "0", "Task 'image-folder': property 'resize' must be >= 1, got 0");
    }

    private void assertRefused(String task, String key, String value, String message) {
        assertThatThrownBy(() -> TestImages.create(task, dir, Map.of(key, value))).hasMessage(message);
    }
}
