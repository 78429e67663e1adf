package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fpt.spi.TaskFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in task refuses a property it does not have, in one line listing the ones it has, before it
 * reads or generates any data (the data directory here is empty): a typo such as {@code test-sise} must
 * never train with the default.
 */
class UnknownPropertyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bit-xor", "bit-memory", "listops", "mnist", "cifar10", "cifar10-lra", "remote-homology"})
    void anUnknownPropertyIsOneLineListingTheKnownOnes(String name) {
        TaskFactory factory = TaskTrainingTest.PLUGINS.tasks().get(name);
        assertThatThrownBy(() -> factory.create(TestFiles.options(dir, Map.of("test-sise", "10"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Task '" + name + "' has no property 'test-sise'. Known: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bit-xor", "bit-memory"})
    void aBadValueNamesTheTaskAndTheProperty(String name) {
        TaskFactory factory = TaskTrainingTest.PLUGINS.tasks().get(name);
        assertThatThrownBy(() -> factory.create(TestFiles.options(dir, Map.of("test-size", "0"))))
                .hasMessage("Task '" + name + "': property 'test-size' must be >= 1, got 0");
        assertThatThrownBy(() -> factory.create(TestFiles.options(dir, Map.of("bits", "many"))))
                .hasMessage("Task '" + name + "': property 'bits' must be an integer, got 'many'");
    }
}
