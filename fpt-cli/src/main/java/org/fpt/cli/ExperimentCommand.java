package org.fpt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fpt.train.Checkpointing;
import org.fpt.train.MetricsLog;
import org.fpt.train.RunDescriptions;
import org.fpt.train.RunSpec;
import org.fpt.train.Runs;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fpt experiment SPEC}: every run of a grid in sequence, each in its own directory with its metrics
 * and checkpoints; finished runs are skipped and an interrupted one resumes, so the command can simply be
 * started again. Then the tables and curves are made from the runs' metrics files.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a grid of task x body x init x policy x seed from a JSON/YAML spec, then write",
                "results.csv, results.md (mean ± std over seeds, compute efficiency) and curves-TASK.png."})
final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The experiment spec (.json, .yaml or .yml).")
    Path specFile;

    @Option(names = "--out", description = "Output directory (default: experiments/<name>).")
    Path out;

    @Option(names = "--report-only", description = "Only make the tables and curves from the metrics files already there.")
    boolean reportOnly;

    @Option(names = "--shard", paramLabel = "K/N", converter = Shard.Converter.class,
            description = {"Run only runs K, K+N, K+2N, ... of the grid (K from 1): start N processes, 1/N to N/N,",
                    "on the same --out to use N cores. The last one to finish writes the tables."})
    Shard shard = Shard.ALL;

    @Override
    public Integer call() {
        ExperimentSpec experiment = ExperimentSpec.read(specFile);
        Path dir = out != null ? out : Path.of("experiments", experiment.name());
        PrintWriter printer = spec.commandLine().getOut();
        List<ExperimentSpec.Run> runs = experiment.runs();
        Runs runner = reportOnly ? null : Host.injector().getInstance(Runs.class);
        for (int i = 0; i < runs.size() && !reportOnly; i++) {
            if (!shard.owns(i)) {
                continue;
            }
            ExperimentSpec.Run run = runs.get(i);
            Path runDir = dir.resolve("runs").resolve(run.dirName());
            String label = String.format(Locale.ROOT, "[%d/%d] %s %s %s %s seed %d", i + 1, runs.size(), run.task(), run.body(),
                    run.init(), run.policy(), run.seed());
            if (finished(runDir)) {
                printer.println(label + ": done, skipped");
                printer.flush();
                continue;
            }
            printer.println(label);
            printer.flush();
            train(runner, experiment, run, runDir);
        }
        // Only a shard can end with runs unfinished: those of the others (an unsharded run did them all).
        long unfinished = shard == Shard.ALL ? 0 : runs.stream().filter(r -> !finished(dir.resolve("runs").resolve(r.dirName()))).count();
        if (unfinished > 0) {
            printer.println("Shard " + shard + " done; " + unfinished + " runs of other shards are not finished yet. "
                    + "The last shard to finish writes the tables (or run again with --report-only).");
            printer.flush();
            return 0;
        }
        ExperimentResults results = ExperimentResults.read(runs.stream().map(r -> dir.resolve("runs").resolve(r.dirName()).resolve("metrics.jsonl")).toList());
        ExperimentReport.write(experiment, results, dir);
        printer.println("Wrote " + dir.resolve("results.md") + ", results.csv and " + results.tasks().size() + " learning-curve PNGs");
        printer.flush();
        return 0;
    }

    private static void train(Runs runner, ExperimentSpec experiment, ExperimentSpec.Run run, Path runDir) {
        TrainingConfig training = TrainingConfig.defaults(experiment.stepsFor(run.task()), experiment.batchSize(), run.seed())
                .withLearningRate(experiment.lrFor(run.policy())).withEvalEvery(experiment.evalEvery());
        Map<String, String> properties = experiment.taskProperties().getOrDefault(run.task(), Map.of());
        RunSpec runSpec = new RunSpec(run.task(), run.body(), TrainCommand.parseInit(run.init()), run.policy(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(experiment.dataDirs().get(run.task())), properties, training, experiment.precision());
        try (Progress progress = new Progress(run.task());
             MetricsLog log = new MetricsLog(runDir.resolve("metrics.jsonl"), RunDescriptions.toJson(runSpec))) {
            runner.run(runSpec, TrainingListener.all(progress, log), new Checkpointing(runDir, experiment.checkpointEvery(), true));
        }
    }

    /** A run is finished when its metrics file has the final line. */
    private static boolean finished(Path runDir) {
        Path metrics = runDir.resolve("metrics.jsonl");
        return Files.exists(metrics) && MetricsLog.read(metrics).stream().anyMatch(l -> l.has("final"));
    }
}
