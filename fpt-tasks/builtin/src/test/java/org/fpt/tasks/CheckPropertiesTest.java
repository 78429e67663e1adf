package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskPropertyException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code checkProperties} refuses what {@code create} would refuse of the properties, and touches no data: the data
 * directory here does not exist, so reading from it would fail with another error and writing would create it.
 * {@code fpt experiment} calls it for every task of a grid before any run starts.
 */
class CheckPropertiesTest {
    @TempDir
    Path dir;

    private Path absent() {
        return dir.resolve("no-data-here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bit-xor", "bit-memory", "listops", "mnist", "cifar10", "cifar10-lra", "remote-homology", "image-folder"})
    void anUnknownPropertyIsRefusedWithoutData(String name) {
        TaskFactory factory = TaskTrainingTest.PLUGINS.tasks().get(name);
        assertThatThrownBy(() -> factory.checkProperties(TestFiles.options(absent(), Map.of("test-sise", "10"))))
                .isInstanceOf(TaskPropertyException.class)
                .hasMessageStartingWith("Task '" + name + "' has no property 'test-sise'. Known: ");
        assertThatCode(() -> factory.checkProperties(TestFiles.options(absent(), Map.of()))).doesNotThrowAnyException();
        assertThat(absent()).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bit-xor         | test-size=0        | Task 'bit-xor': property 'test-size' must be >= 1, got 0",
        "bit-xor         | bits=2147483647    | Task 'bit-xor': test-size 1000 x 2 tokens x bits 2147483647 = ",
        "bit-memory      | bits=7             | Task 'bit-memory': property 'bits' (7) must be a multiple of 'patch' (50)",
        "listops         | train-size=many    | Task 'listops': property 'train-size' must be an integer, got 'many'",
        "listops         | generate=maybe     | Task 'listops': property 'generate' must be true or false, got 'maybe'",
        "mnist           | validation-size=-1 | Task 'mnist': property 'validation-size' must be >= 0, got -1",
        "mnist           | patch=0            | Task 'mnist': property 'patch' must be >= 1, got 0",
        "cifar10         | patch=3            | Image side 32 is not a multiple of the patch size 3",
        "cifar10         | rotation=200       | Task 'cifar10': property 'rotation' must be between 0.0 and 180.0, got 200.0",
        "cifar10-lra     | std=0              | Task 'cifar10-lra': property 'std' must be > 0, got '0'",
        "remote-homology | test=fold          | Task 'remote-homology': property 'test' must be fold_holdout, superfamily_holdout or family_holdout, got 'fold'",
        "image-folder    | channels=2         | Task 'image-folder': property 'channels' must be 1 (grayscale) or 3 (RGB), got 2",
        "image-folder    | flip=sometimes     | Task 'image-folder': property 'flip' must be true or false, got 'sometimes'",
    })
    void aBadValueIsRefusedWithoutData(String name, String property, String message) {
        String[] keyValue = property.split("=", 2);
        TaskFactory factory = TaskTrainingTest.PLUGINS.tasks().get(name);
        assertThatThrownBy(() -> factory.checkProperties(TestFiles.options(absent(), Map.of(keyValue[0], keyValue[1]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
        assertThat(absent()).doesNotExist();
    }
}
