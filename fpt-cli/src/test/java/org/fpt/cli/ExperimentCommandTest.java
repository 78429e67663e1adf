package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.fpt.train.Checkpoint;
import org.fpt.train.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @TempDir
    Path dir;

    @Test
    void tinyGridWritesTablesFromTheRunsMetricsFilesAndSkipsFinishedRuns() throws Exception {
        Path spec = tinyGrid("tiny", "[fpt, full]", "[1, 2]", 4);
        Path out = dir.resolve("out");
        CliRunner.Result first = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        List<Path> metrics;
        try (var files = Files.walk(out.resolve("runs"))) {
            metrics = files.filter(f -> f.getFileName().toString().equals("metrics.jsonl")).sorted().toList();
        }
        assertThat(metrics).hasSize(4);

        // Each table cell is the mean of the runs' own final accuracies.
        String md = Files.readString(out.resolve("results.md"));
        for (String policy : List.of("fpt", "full")) {
            List<Double> accuracies = metrics.stream().filter(m -> m.getParent().getFileName().toString().contains("__" + policy + "__"))
                    .map(ExperimentCommandTest::finalAccuracy).toList();
            double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double std = Math.sqrt(accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (accuracies.size() - 1));
            assertThat(md).contains(String.format(Locale.ROOT, "| %s | %.1f ± %.1f |", policy, 100 * mean, 100 * std));
            assertThat(Files.readString(out.resolve("results.csv"))).contains(String.format(Locale.ROOT, "%s,bit-xor,2,%.6f,%.6f", policy, mean, std));
        }
        BufferedImage curves = ImageIO.read(out.resolve("curves-bit-xor.png").toFile());
        assertThat(curves.getWidth()).isEqualTo(800);

        // Finished runs are skipped; the report is remade from the files, so an edited file shows.
        Path edited = metrics.get(0);
        rewriteFinalAccuracy(edited, 0.25);
        CliRunner.Result again = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out().lines().filter(l -> l.endsWith("done, skipped"))).hasSize(4);
        List<Double> fptAccuracies = metrics.stream().filter(m -> m.toString().contains("__fpt__")).map(ExperimentCommandTest::finalAccuracy).toList();
        assertThat(fptAccuracies).contains(0.25);
        double mean = fptAccuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(Files.readString(out.resolve("results.md"))).contains(String.format(Locale.ROOT, "| fpt | %.1f ±", 100 * mean));
    }

    @Test
    void changedSettingsTrainNewRunsAndTheTablesShowTheirOwnNumbers() throws Exception {
        Path spec = tinyGrid("changed", "[fpt]", "[1]", 4);
        Path out = dir.resolve("changed");
        assertThat(CliRunner.run("experiment", spec.toString(), "--out", out.toString()).code()).isZero();
        Files.writeString(spec, Files.readString(spec).replace("test-size: 32", "test-size: 16") + "lr: 1.0e-2\n");

        CliRunner.Result again = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).as("another lr and test size is another run").doesNotContain("done, skipped");
        List<Path> metrics;
        try (var files = Files.walk(out.resolve("runs"))) {
            metrics = files.filter(f -> f.getFileName().toString().equals("metrics.jsonl")).sorted().toList();
        }
        assertThat(metrics).as("the first run is kept in its own directory").hasSize(2);
        Path changed = metrics.stream().filter(m -> MetricsLog.read(m).get(0).getAsJsonObject("run").get("lr").getAsDouble() > 5e-3)
                .findFirst().orElseThrow();
        assertThat(MetricsLog.read(changed).get(0).getAsJsonObject("run").getAsJsonObject("task_properties").get("test-size").getAsString())
                .isEqualTo("16");
        int examples = MetricsLog.read(changed).stream().filter(l -> l.has("final")).findFirst().orElseThrow().get("examples").getAsInt();
        assertThat(examples).as("evaluated on the new test size").isEqualTo(16);
        assertThat(Files.readString(out.resolve("runs.csv"))).contains(String.format(Locale.ROOT, "seed,accuracy%nbit-xor,gpt2-tiny,random,fpt,1,%.6f",
                finalAccuracy(changed)));
        assertThat(Files.readString(out.resolve("results.md"))).contains("lr 0.01.");
    }

    @Test
    void aSecondDriverOnTheSameOutIsRefusedWhileTheFirstLives() throws Exception {
        Path spec = tinyGrid("locked", "[fpt]", "[1]", 2);
        Path out = dir.resolve("locked");
        // Another process holds the directory's lock, as a running `fpt experiment` does.
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), out.toString()).redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes("locked\n".length()))).isEqualTo("locked\n");
            CliRunner.Result second = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
            assertThat(second.code()).isEqualTo(1);
            assertThat(second.err()).contains("Another fpt experiment is writing to " + out);
            assertThat(out.resolve("runs")).doesNotExist();
        } finally {
            holder.getOutputStream().close(); // the holder exits when its stdin closes
            holder.waitFor();
        }
        CliRunner.Result after = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(after.code()).as(after.err()).isZero();
    }

    @Test
    void hadoopOutputsNeedTheSparkRunner() throws Exception {
        Path spec = tinyGrid("uri", "[fpt]", "[1]", 2);
        CliRunner.Result hdfs = CliRunner.run("experiment", spec.toString(), "--out", "hdfs://namenode:8020/x");
        assertThat(hdfs.code()).isEqualTo(2);
        assertThat(hdfs.err()).contains("--out hdfs://namenode:8020/x: only the Spark runner writes to hdfs: filesystems; add --master");
        CliRunner.Result conf = CliRunner.run("experiment", spec.toString(), "--conf", "spark.executor.memory=2g");
        assertThat(conf.code()).isEqualTo(2);
        assertThat(conf.err()).contains("--conf and --cores-per-run are Spark settings: they need --master");
        CliRunner.Result master = CliRunner.run("experiment", spec.toString(), "--master", "local[2]");
        assertThat(master.code()).isEqualTo(1);
        assertThat(master.err()).contains("--master needs the Spark runner (module fpt-spark) on the class path");
    }

    @Test
    void taskStepsAndPolicyLrOverrideStepsAndLr() throws Exception {
        Path spec = dir.resolve("per-task.yaml");
        Files.writeString(spec, """
                tasks: [bit-xor, bit-memory]
                bodies: [gpt2-tiny]
                inits: [random]
                steps: 2
                batch_size: 4
                eval_every: 1
                task_steps: {bit-memory: 3}
                policies: [fpt, full]
                policy_lr: {full: 1.0e-4}
                task_properties: {bit-xor: {test-size: 8}, bit-memory: {bits: 4, patch: 2, patterns: 2, test-size: 8}}
                """);
        Path out = dir.resolve("per-task");
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        for (String task : List.of("bit-xor", "bit-memory")) {
            Path metrics = out.resolve("runs").resolve(ExperimentSpec.read(spec).dirName(new ExperimentSpec.Run(task, "gpt2-tiny", "random", "fpt", 1)))
                    .resolve("metrics.jsonl");
            int finalStep = MetricsLog.read(metrics).stream().filter(l -> l.has("final")).findFirst().orElseThrow().get("step").getAsInt();
            assertThat(finalStep).as(task).isEqualTo(task.equals("bit-memory") ? 3 : 2);
        }
        assertThat(Files.readString(out.resolve("results.md"))).contains("2 steps (bit-memory 3), batch 4, lr 0.001 (full 1.0E-4)");
        for (String policy : List.of("fpt", "full")) {
            Path metrics = out.resolve("runs").resolve(ExperimentSpec.read(spec).dirName(new ExperimentSpec.Run("bit-xor", "gpt2-tiny", "random", policy, 1)))
                    .resolve("metrics.jsonl");
            double lr = MetricsLog.read(metrics).get(0).getAsJsonObject("run").get("lr").getAsDouble();
            assertThat(lr).as(policy).isCloseTo(policy.equals("full") ? 1e-4 : 1e-3, within(1e-9));
        }

        Files.writeString(spec, Files.readString(spec).replace("{bit-memory: 3}", "{bit-memory: many}"));
        CliRunner.Result bad = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(spec.toString(), "task_steps.bit-memory must be a positive integer, got 'many'");
    }

    @Test
    void backendNamesWhereEveryRunTrainsButNotWhatItIs() throws Exception {
        Path spec = dir.resolve("on-pytorch.yaml");
        Files.writeString(spec, "tasks: [bit-xor]\nbodies: [gpt2-tiny]\ninits: [random]\nsteps: 2\nbatch_size: 4\neval_every: 2\n"
                + "task_properties: {bit-xor: {test-size: 8}}\n");
        Path out = dir.resolve("on-pytorch");
        CliRunner.Result typo = CliRunner.run("experiment", spec.toString(), "--out", out.toString(), "--backend", "pytroch");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("pytroch", "pytorch", "cpu");

        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", out.toString(), "--backend", "pytorch");
        assertThat(result.code()).as(result.err()).isZero();
        Path runDir = out.resolve("runs").resolve(ExperimentSpec.read(spec).dirName(new ExperimentSpec.Run("bit-xor", "gpt2-tiny", "random", "fpt", 1)));
        Checkpoint last = Checkpoint.read(org.fpt.train.Checkpointing.latest(runDir).orElseThrow());
        assertThat(last.run().get("backend").getAsString()).as("the checkpoint records where it trained").isEqualTo("pytorch");
        assertThat(MetricsLog.read(runDir.resolve("metrics.jsonl")).get(0).getAsJsonObject("run").has("backend"))
                .as("the run's identity has no backend").isFalse();
    }

    @Test
    void dataDirsReachTheTasksThatReadFiles() throws Exception {
        Path spec = dir.resolve("mnist.yaml");
        Path missing = dir.resolve("no-mnist-here");
        Files.writeString(spec, "tasks: [mnist]\nbodies: [gpt2-tiny]\ninits: [random]\nsteps: 1\ndata_dirs: {mnist: " + missing + "}\n");
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", dir.resolve("mnist-out").toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains(missing.toString());
    }

    @Test
    void workflowCommandsHaveHelpAndTrainHasTheCheckpointOptions() {
        for (String command : new String[] {"eval", "predict", "attention", "experiment"}) {
            assertThat(CliRunner.run(command, "--help").code()).as(command).isZero();
        }
        assertThat(CliRunner.run("train", "--help").out()).contains("--checkpoint-dir", "--checkpoint-every", "--resume", "--metrics", "--config");
    }

    @Test
    void badSpecIsRefusedNamingFileAndKey() throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, "{\"tasks\": [\"bit-xor\"], \"seedz\": [1]}");
        CliRunner.Result result = CliRunner.run("experiment", spec.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(spec.toString()).contains("unknown keys [seedz]");
    }

    @Test
    void computeEfficiencyComparesStepsToThresholdPretrainedVsRandom() throws Exception {
        Path spec = dir.resolve("efficiency.json");
        Files.writeString(spec, """
                {"name": "eff", "tasks": ["bit-xor"], "bodies": ["b"], "inits": ["pretrained", "random"], "policies": ["fpt"],
                 "seeds": [1, 2], "steps": 100, "eval_every": 10, "threshold": 0.9}
                """);
        Path out = dir.resolve("eff");
        // Metrics files in the real format, as runs write them: pretrained reaches 0.9 at 20 and 40, random at 60 and 100.
        writeRun(spec, out, "pretrained", 1, new double[] {0.5, 0.95, 0.97}, 10);
        writeRun(spec, out, "pretrained", 2, new double[] {0.5, 0.6, 0.6, 0.92}, 10);
        writeRun(spec, out, "random", 1, new double[] {0.5, 0.6, 0.7, 0.8, 0.85, 0.91}, 10);
        writeRun(spec, out, "random", 2, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9}, 10);
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", out.toString(), "--report-only");
        assertThat(result.code()).as(result.err()).isZero();
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("## Compute efficiency").contains("| bit-xor | b | fpt | 30 | 80 | 2.67 |");
        assertThat(md).contains("| pretrained |").contains("| random |");
    }

    /** A grid of gpt2-tiny runs on bit-xor, small enough for a unit test; evaluated every other step. */
    private Path tinyGrid(String name, String policies, String seeds, int steps) throws Exception {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, String.join("\n", "name: " + name, "tasks: [bit-xor]", "bodies: [gpt2-tiny]", "inits: [random]",
                "policies: " + policies, "seeds: " + seeds, "steps: " + steps, "batch_size: 4", "eval_every: 2",
                "task_properties: {bit-xor: {test-size: 32}}", ""));
        return spec;
    }

    /** A finished run's metrics file in the real format, recording the description {@code spec} asks for. */
    private static void writeRun(Path spec, Path out, String init, long seed, double[] accuracies, int every) throws Exception {
        ExperimentSpec experiment = ExperimentSpec.read(spec);
        ExperimentSpec.Run run = new ExperimentSpec.Run("bit-xor", "b", init, "fpt", seed);
        Path metrics = out.resolve("runs").resolve(experiment.dirName(run)).resolve("metrics.jsonl");
        Files.createDirectories(metrics.getParent());
        StringBuilder lines = new StringBuilder("{\"run\":" + experiment.description(run) + "}\n");
        for (int i = 0; i < accuracies.length; i++) {
            lines.append(String.format(Locale.ROOT, "{\"split\":\"test\",\"loss\":0.5,\"accuracy\":%s,\"examples\":100,\"step\":%d}%n",
                    accuracies[i], (i + 1) * every));
        }
        lines.append(String.format(Locale.ROOT, "{\"split\":\"test\",\"loss\":0.5,\"accuracy\":%s,\"examples\":100,\"final\":true,\"step\":%d}%n",
                accuracies[accuracies.length - 1], accuracies.length * every));
        Files.writeString(metrics, lines);
    }

    private static double finalAccuracy(Path metrics) {
        return MetricsLog.read(metrics).stream().filter(l -> l.has("final")).findFirst().orElseThrow().get("accuracy").getAsDouble();
    }

    private static void rewriteFinalAccuracy(Path metrics, double accuracy) throws Exception {
        String lines = MetricsLog.read(metrics).stream().map(l -> {
            if (l.has("final")) {
                l.addProperty("accuracy", accuracy);
            }
            return l.toString();
        }).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(metrics, lines);
    }
}
