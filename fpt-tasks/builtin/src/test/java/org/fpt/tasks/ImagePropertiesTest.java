package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image tasks refuse absurd property values in one line naming the property. */
class ImagePropertiesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: -P {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            mnist        | std | 0        | > 0, got '0'
            cifar10      | std | -1       | > 0, got '-1'
            cifar10      | std | 0.2,0,0.2 | > 0, got '0.2,0,0.2'
            cifar10-lra  | std | Infinity | finite numbers, got 'Infinity'
            image-folder | std | 0        | > 0, got '0'
            mnist        | mean | NaN     | finite numbers, got 'NaN'
            cifar10      | mean | 1e39    | finite numbers, got '1e39'
            cifar10-lra  | mean | NaN     | finite numbers, got 'NaN'
            image-folder | mean | NaN     | finite numbers, got 'NaN'
            cifar10      | rotation | NaN  | finite numbers, got 'NaN'
            cifar10      | rotation | -5   | between 0.0 and 180.0, got -5.0
            cifar10-lra  | rotation | 1000 | between 0.0 and 180.0, got 1000.0
            cifar10      | crop-padding | 32 | <= 31, got 32
            cifar10      | crop-padding | -1 | >= 0, got -1
            cifar10      | patch | 0  | >= 1, got 0
            cifar10      | patch | 64 | <= 32, got 64
            cifar10-lra  | validation-size | -1 | >= 0, got -1
            mnist        | pad-to | 100000 | <= 4096, got 100000
            image-folder | channels | 2 | 1 (grayscale) or 3 (RGB), got 2
            image-folder | channels | 4 | <= 3, got 4
            image-folder | resize | 0   | >= 1, got 0
            """)
    void isRefusedNamingTheProperty(String task, String key, String value, String mustBe) {
        TestFiles.cifarDir(dir, 2);
        TestFiles.mnist(dir, 4, 2);
        assertThatThrownBy(() -> TestImages.create(task, dir, Map.of(key, value))).hasMessage("Task '" + task + "': property '" + key + "' must be " + mustBe);
    }
}
