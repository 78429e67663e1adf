package org.fpt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskPropertiesTest {
    @Test
    void anUndeclaredKeyIsRefusedListingTheDeclaredOnes() {
        assertThatThrownBy(() -> new TaskProperties("toy", options(Map.of("test-sise", "10")), "test-size", "bits"))
                .isInstanceOf(TaskPropertyException.class)
                .hasMessage("Task 'toy' has no property 'test-sise'. Known: bits, test-size");
        assertThatThrownBy(() -> new TaskProperties("toy", options(Map.of("x", "1"))))
                .hasMessage("Task 'toy' has no property 'x'. Known: none");
    }

    @Test
    void typedGettersParseCheckAndFallBack() {
        TaskProperties props = new TaskProperties("toy", options(Map.of("n", " 7 ", "flag", "yes", "mean", "0.5", "std", "1,2,3", "name", " a ")),
                "n", "flag", "mean", "std", "name", "absent");
        assertThat(props.integer("n", 1, 1)).isEqualTo(7);
        assertThat(props.integer("absent", 3, 1)).isEqualTo(3);
        assertThat(props.bool("flag", false)).isTrue();
        assertThat(props.number("mean", 0f)).isEqualTo(0.5f);
        assertThat(props.numbers("mean", new float[] {0f, 0f}, 2)).containsExactly(0.5f, 0.5f);
        assertThat(props.numbers("std", new float[3], 3)).containsExactly(1f, 2f, 3f);
        assertThat(props.string("name", "b")).isEqualTo("a");
        assertThat(props.string("absent", "b")).isEqualTo("b");
    }

    @Test
    void badValuesNameTheTaskAndTheProperty() {
        TaskProperties props = new TaskProperties("toy", options(Map.of("n", "0", "m", "x", "flag", "maybe", "std", "1,2")), "n", "m", "flag", "std");
        assertThatThrownBy(() -> props.integer("n", 1, 1)).isInstanceOf(TaskPropertyException.class)
                .hasMessage("Task 'toy': property 'n' must be >= 1, got 0");
        assertThatThrownBy(() -> props.integer("m", 1, 1)).hasMessage("Task 'toy': property 'm' must be an integer, got 'x'");
        assertThatThrownBy(() -> props.bool("flag", true)).hasMessage("Task 'toy': property 'flag' must be true or false, got 'maybe'");
        assertThatThrownBy(() -> props.numbers("std", new float[3], 3))
                .hasMessage("Task 'toy': property 'std' needs 1 or 3 comma-separated numbers, got '1,2'");
        assertThatThrownBy(() -> props.number("m", 0f)).hasMessage("Task 'toy': property 'm' must be numbers, got 'x'");
    }

    private static TaskOptions options(Map<String, String> properties) {
        return new TaskOptions(1, Optional.empty(), properties);
    }
}
