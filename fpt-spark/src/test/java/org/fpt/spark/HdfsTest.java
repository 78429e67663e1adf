package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.fpt.cli.grid.RunRecords;
import org.fpt.train.MetricsLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared store on a real HDFS (Hadoop's in-process mini cluster: a NameNode and a DataNode). */
class HdfsTest {
    private static MiniDFSCluster hdfs;
    private static String root;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHdfs(@TempDir Path base) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = hdfs.getURI().toString();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void writesReplaceWholeFilesAndLeaveNoTempFiles() throws Exception {
        RunStore store = RunStore.open(root + "/atomic", new Configuration());
        store.writeText("runs/a/metrics.jsonl", "first\n");
        store.writeText("runs/a/metrics.jsonl", "second\n");
        assertThat(store.readText("runs/a/metrics.jsonl")).contains("second\n");
        assertThat(store.list("runs/a")).containsExactly("metrics.jsonl");
        assertThat(store.readText("runs/a/none")).isEmpty();
        FileSystem fs = store.fileSystem();
        assertThat(fs.listStatus(store.path("runs/a"))).hasSize(1);
    }

    @Test
    void aSecondDriverIsRefusedAndADeadDriversLockIsTakenOver() throws Exception {
        RunStore store = RunStore.open(root + "/locked", new Configuration());
        try (StoreLock first = StoreLock.acquire(store, 60_000, 120_000)) {
            assertThatThrownBy(() -> StoreLock.acquire(store, 60_000, 120_000)).hasMessageContaining("Another fpt experiment is writing to "
                    + store.root()).hasMessageContaining("/locked/.lock held by");
        }
        // The lock is gone with its holder; a lock nobody refreshes for longer than "stale" is a dead driver's.
        try (StoreLock again = StoreLock.acquire(store, 60_000, 120_000)) {
            store.fileSystem().setTimes(store.path(StoreLock.FILE), System.currentTimeMillis() - 200_000, -1);
            try (StoreLock takeover = StoreLock.acquire(store, 60_000, 120_000)) {
                assertThat(store.fileSystem().exists(store.path(StoreLock.FILE))).isTrue();
            }
        }
    }

    @Test
    void aGridWritesItsRunsAndTablesToHdfsWithABodyReadFromHdfs() throws Exception {
        // A body directory in the real format (config.json + model.safetensors), put on HDFS for every worker.
        Path body = dir.resolve("body");
        Grids.Result export = Grids.fpt("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--steps", "1",
                "--batch-size", "2", "-P", "test-size=8", "--export-body", body.toString());
        assertThat(export.code()).as(export.err()).isZero();
        FileSystem fs = RunStore.open(root, new Configuration()).fileSystem();
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(body.toUri()), new org.apache.hadoop.fs.Path(root + "/bodies/tiny"));

        Path spec = Grids.spec(dir, "hdfs", "[" + root + "/bodies/tiny]", "[fpt]", 6, 3);
        String out = root + "/experiments/hdfs";
        Grids.Result grid = Grids.fpt("experiment", spec.toString(), "--master", "local[2]", "--out", out, "--conf", "spark.ui.enabled=false");
        assertThat(grid.code()).as(grid.err()).isZero();
        RunStore store = RunStore.open(out, new Configuration());
        assertThat(store.list("")).contains("results.md", "results.csv", "runs.csv", "curves-bit-xor.png", "progress.json");
        assertThat(store.readText("results.md").orElseThrow()).contains("| " + root + "/bodies/tiny random fpt |", "6 steps, batch 8");
        assertThat(fs.listStatus(store.path("runs"))).hasSize(2);
        for (var run : fs.listStatus(store.path("runs"))) {
            List<String> files = store.list("runs/" + run.getPath().getName());
            assertThat(files).containsExactly("checkpoint-00000006.safetensors", "metrics.jsonl", "summary.json");
        }

        // Started again, it trains nothing: every run is there, finished, under the same description.
        Grids.Result again = Grids.fpt("experiment", spec.toString(), "--master", "local[2]", "--out", out, "--conf", "spark.ui.enabled=false");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("runs to train");
    }

    @Test
    void aGridAskedForMoreStepsContinuesItsShorterRunsOnHdfs() throws Exception {
        String out = root + "/experiments/longer";
        Grids.Result shorter = Grids.fpt("experiment", Grids.spec(dir, "shorter", "[gpt2-tiny]", "[fpt]", 6, 3).toString(), "--master", "local[2]",
                "--out", out, "--conf", "spark.ui.enabled=false");
        assertThat(shorter.code()).as(shorter.err()).isZero();
        RunStore store = RunStore.open(out, new Configuration());
        List<String> shorterRuns = store.listDirectories("runs");
        Grids.Result longer = Grids.fpt("experiment", Grids.spec(dir, "longer", "[gpt2-tiny]", "[fpt]", 12, 3).toString(), "--master", "local[2]",
                "--out", out, "--conf", "spark.ui.enabled=false");
        assertThat(longer.code()).as(longer.err()).isZero();
        assertThat(longer.out().lines().filter(line -> line.contains(": continues ") && line.endsWith("(6 steps) from its step 6"))).hasSize(2);
        List<String> longerRuns = store.listDirectories("runs").stream().filter(run -> !shorterRuns.contains(run)).toList();
        assertThat(longerRuns).hasSize(2);

        Path straight = dir.resolve("straight");
        assertThat(Grids.fpt("experiment", Grids.spec(dir, "straight", "[gpt2-tiny]", "[fpt]", 12, 3).toString(), "--master", "local[2]",
                "--out", straight.toString(), "--conf", "spark.ui.enabled=false").code()).isZero();
        Map<String, List<String>> straightRuns = Grids.metricsWithoutClock(straight);
        for (String run : longerRuns) {
            List<JsonObject> lines = RunRecords.parse(store.readText("runs/" + run + "/metrics.jsonl").orElseThrow());
            assertThat(lines.stream().filter(l -> l.has("continued_from")).map(l -> l.get("continued_from").getAsString()))
                    .singleElement().isIn(shorterRuns);
            assertThat(MetricsLog.withoutClock(lines.stream().filter(l -> !l.has("continued_from")).toList()))
                    .as(run + " continued equals " + run + " trained straight").isEqualTo(straightRuns.get(run));
        }
    }
}
