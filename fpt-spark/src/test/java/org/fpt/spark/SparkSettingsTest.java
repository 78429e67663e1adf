package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.fpt.cli.grid.GridJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes to executors: plugin jars always, FPT's own jars on a cluster unless workers have them installed. */
class SparkSettingsTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearAppClassPath() {
        System.clearProperty(SparkGridRunner.APP_CLASSPATH);
    }

    @Test
    void pluginJarsAlwaysShipAndTheRunsCoresAreTheTasksCpus() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.write(plugins.resolve("a.jar"), new byte[0]);
        Files.write(plugins.resolve("b.jar"), new byte[0]);
        SparkConf conf = SparkGridRunner.settings(job("local[2]", Map.of("spark.executor.memory", "2g", "fpt.lock.stale-seconds", "30"),
                Optional.of(plugins.toString())));
        assertThat(conf.get("spark.jars").split(",")).containsExactly(plugins.resolve("a.jar").toString(), plugins.resolve("b.jar").toString());
        assertThat(conf.get("spark.task.cpus")).isEqualTo("3");
        assertThat(conf.get("spark.executor.memory")).isEqualTo("2g");
        assertThat(conf.contains("fpt.lock.stale-seconds")).as("FPT's own settings are not Spark's").isFalse();
    }

    @Test
    void onAClusterFptsJarsShipUnlessEveryWorkerHasThem() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("fpt-core.jar"), new byte[0]);
        Path own = Files.write(dir.resolve("fpt-spark.jar"), new byte[0]);
        System.setProperty(SparkGridRunner.APP_CLASSPATH, own + java.io.File.pathSeparator + lib + "/*");
        SparkConf shipped = SparkGridRunner.settings(job("spark://m:7077", Map.of(), Optional.empty()));
        assertThat(shipped.get("spark.jars").split(",")).containsExactly(own.toString(), lib.resolve("fpt-core.jar").toString());

        SparkConf installed = SparkGridRunner.settings(job("spark://m:7077", Map.of("spark.executor.extraClassPath", "/opt/fpt/lib/*"),
                Optional.empty()));
        assertThat(installed.contains("spark.jars")).isFalse();
        assertThat(SparkGridRunner.settings(job("local[2]", Map.of(), Optional.empty())).contains("spark.jars"))
                .as("local executors share the driver's class path").isFalse();

        System.clearProperty(SparkGridRunner.APP_CLASSPATH);
        assertThatThrownBy(() -> SparkGridRunner.settings(job("yarn", Map.of(), Optional.empty())))
                .hasMessageContaining("Executors need FPT's jars");
    }

    @Test
    void aLocalGridRidesOutAPausedProcessWhereAClusterKeepsSparksTimeout() {
        String key = "spark.storage.blockManagerHeartbeatTimeoutMs";
        assertThat(SparkGridRunner.settings(job("local[2]", Map.of(), Optional.empty())).get(key)).isEqualTo("7d");
        assertThat(SparkGridRunner.settings(job("local[2]", Map.of(key, "300s"), Optional.empty())).get(key)).as("--conf wins").isEqualTo("300s");
        assertThat(SparkGridRunner.settings(job("local[2]", Map.of("spark.network.timeout", "300s"), Optional.empty())).contains(key))
                .as("the user's general timeout is this one's fallback").isFalse();
        assertThat(SparkGridRunner.settings(job("local[2]", Map.of("spark.storage.blockManagerSlaveTimeoutMs", "300s"), Optional.empty())).contains(key))
                .as("Spark's older name for it").isFalse();
        System.setProperty(SparkGridRunner.APP_CLASSPATH, dir.toString());
        assertThat(SparkGridRunner.settings(job("local-cluster[2,1,1024]", Map.of(), Optional.empty())).contains(key))
                .as("local-cluster executors are JVMs of their own").isFalse();
        assertThat(SparkGridRunner.settings(job("spark://m:7077", Map.of(), Optional.empty())).contains(key))
                .as("a cluster's lost machine must still be noticed").isFalse();
    }

    private static GridJob job(String master, Map<String, String> conf, Optional<String> pluginPath) {
        return new GridJob("g", "/tmp/out", master, conf, 3, Optional.empty(), 10, List.of(), pluginPath, false);
    }
}
