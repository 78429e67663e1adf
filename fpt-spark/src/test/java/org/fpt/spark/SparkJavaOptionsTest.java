package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** ./fpt's Java options for Spark (fpt-spark/java-options) and this module's test JVM are the ones Spark documents. */
class SparkJavaOptionsTest {
    @Test
    void theLauncherAndTheTestsUseSparksJavaModuleOptions() throws Exception {
        List<String> spark = List.of(JavaModuleOptions.defaultModuleOptionArray());
        assertThat(Files.readAllLines(Path.of("java-options")).stream().filter(l -> !l.isBlank()).toList())
                .containsExactlyInAnyOrderElementsOf(spark);
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(spark);
    }
}
