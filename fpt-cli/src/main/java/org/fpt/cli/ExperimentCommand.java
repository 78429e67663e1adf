package org.fpt.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fpt.cli.grid.GridJob;
import org.fpt.cli.grid.GridProgress;
import org.fpt.cli.grid.GridRun;
import org.fpt.cli.grid.GridRunner;
import org.fpt.cli.grid.OutDirLock;
import org.fpt.cli.grid.RunRecords;
import org.fpt.io.AtomicFiles;
import org.fpt.plugin.Plugins;
import org.fpt.train.Checkpointing;
import org.fpt.train.MetricsLog;
import org.fpt.train.RunSpec;
import org.fpt.train.Runs;
import org.fpt.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fpt experiment SPEC}: every run of a grid, each in its own directory (named by its full description) with
 * its metrics and checkpoints; finished runs of the same description are reused and an interrupted one resumes, so
 * the command can simply be started again. Then the tables and curves are made from the runs' own records. With
 * {@code --master} the runs are Spark tasks ({@link GridRunner}, module fpt-spark); without, they run here in turn.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a grid of task x body x init x policy x seed from a JSON/YAML spec, then write",
                "results.csv, results.md (mean ± std over seeds, compute efficiency) and curves-TASK.png."})
final class ExperimentCommand implements Callable<Integer> {
    /** A URI scheme (two letters at least, so a Windows drive letter is not one). */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The experiment spec (.json, .yaml or .yml).")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR|URI", description = {"Output directory (default: experiments/<name>); with --master",
            "also a Hadoop filesystem URI: file:/..., hdfs://HOST:PORT/..., s3a://BUCKET/..."})
    String out;

    @Option(names = "--report-only", description = "Only make the tables and curves from the metrics files already there.")
    boolean reportOnly;

    @Option(names = "--master", paramLabel = "URL", description = {"Run the grid on Apache Spark, one run per task: local[N],",
            "spark://HOST:PORT, yarn or k8s://HOST:PORT (docs/distributed.md)."})
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, with --master (repeatable).")
    Map<String, String> conf = Map.of();

    @Option(names = "--backend", description = {"Backend every run trains on (default: each run's own: the one its checkpoint",
            "was trained on, else the fastest here). Where a run trains is not part of what it is: results are reused across backends."})
    String backend;

    @Option(names = "--cores-per-run", paramLabel = "N", description = "With --master: cores one run uses (spark.task.cpus). Default: 1.")
    int coresPerRun = 1;

    @Override
    public Integer call() {
        ExperimentSpec experiment = InputFileException.reading(() -> ExperimentSpec.read(specFile));
        if (backend != null) { // a typo fails here, with the names on offer, not in every run
            OptionChecks.parsed(spec, () -> Host.injector().getInstance(Plugins.class).backends().get(backend));
        }
        if (!reportOnly) { // a typo in the spec fails here, in one line, not when its run is reached (on Spark: in each task, after retries)
            ExperimentChecks.check(specFile, experiment, Host.injector(), master == null || GridJob.isLocal(master));
        }
        String target = out != null ? out : Path.of("experiments", experiment.name()).toString();
        PrintWriter printer = spec.commandLine().getOut();
        if (master != null) {
            if (coresPerRun < 1) {
                throw new ParameterException(spec.commandLine(), "--cores-per-run must be >= 1, got " + coresPerRun);
            }
            onSpark(experiment, target, printer);
            return 0;
        }
        if (!conf.isEmpty() || coresPerRun != 1) {
            throw new ParameterException(spec.commandLine(), "--conf and --cores-per-run are Spark settings: they need --master");
        }
        Path dir = OptionChecks.parsed(spec, () -> localDir(target));
        try (OutDirLock lock = OutDirLock.acquire(dir)) {
            if (!reportOnly) {
                trainHere(experiment, dir, printer);
            }
            List<ExperimentSpec.Run> runs = experiment.runs();
            List<String> sources = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (ExperimentSpec.Run run : runs) {
                Path metrics = dir.resolve("runs").resolve(experiment.dirName(run)).resolve("metrics.jsonl");
                sources.add(metrics.toString());
                texts.add(read(metrics));
            }
            ExperimentResults results = results(experiment, sources, texts);
            ExperimentReport.write(experiment, results, dir);
            int curves = results.tasks().size();
            printer.println("Wrote " + dir.resolve("results.md") + ", results.csv and " + curves + " learning-curve PNG" + (curves == 1 ? "" : "s"));
            printer.flush();
        }
        return 0;
    }

    private void trainHere(ExperimentSpec experiment, Path dir, PrintWriter printer) {
        List<ExperimentSpec.Run> runs = experiment.runs();
        GridProgress progress = new GridProgress(runs.size());
        Runs runner = Host.injector().getInstance(Runs.class);
        for (int i = 0; i < runs.size(); i++) {
            ExperimentSpec.Run run = runs.get(i);
            Path runDir = dir.resolve("runs").resolve(experiment.dirName(run));
            Path metrics = runDir.resolve("metrics.jsonl");
            String label = label(run, i, runs.size());
            if (Files.exists(metrics) && RunRecords.finishedRunOf(metrics.toString(), MetricsLog.read(metrics), experiment.description(run))) {
                progress.reused(1);
                printer.println(label + ": done, skipped");
                printer.flush();
                continue;
            }
            printer.println(label);
            LocalContinuation.prepare(dir.resolve("runs"), experiment.dirName(run), experiment.description(run)).forEach(note -> printer.println("  " + note));
            printer.flush();
            progress.started();
            RunSpec spec = experiment.runSpec(run);
            train(runner, backend == null ? spec : spec.withBackend(backend), experiment.checkpointEvery(), runDir);
            progress.finished();
            AtomicFiles.writeString(dir.resolve("progress.json"), progress.json());
            printer.println("  " + progress.line());
            printer.flush();
        }
    }

    /** Hands the grid to the Spark runner, which trains it and gives back every run's record for the tables. */
    private void onSpark(ExperimentSpec experiment, String target, PrintWriter printer) {
        GridRunner runner = ServiceLoader.load(GridRunner.class, ExperimentCommand.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("--master needs the Spark runner (module fpt-spark) on the class path;"
                        + " ./fpt adds it when the command line has --master"));
        List<ExperimentSpec.Run> runs = experiment.runs();
        List<GridRun> gridRuns = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ExperimentSpec.Run run = runs.get(i);
            gridRuns.add(new GridRun(experiment.dirName(run), label(run, i, runs.size()), experiment.description(run).toString()));
        }
        GridJob job = new GridJob(experiment.name(), target, master, conf, coresPerRun, Optional.ofNullable(backend), experiment.checkpointEvery(), gridRuns,
                Host.pluginPath(), reportOnly);
        runner.run(job, texts -> {
            try {
                Path local = Files.createTempDirectory("fpt-report");
                ExperimentReport.write(experiment, results(experiment, gridRuns.stream().map(r -> target + "/runs/" + r.dirName()).toList(), texts), local);
                return local;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make a temporary directory for the report: " + e.getMessage(), e);
            }
        }, printer);
        printer.println("Wrote " + target + "/results.md, results.csv and the learning-curve PNGs");
        printer.flush();
    }

    /**
     * The runs' numbers from their records, each checked to be a finished run of the description asked for
     * (a table never shows numbers of another run under this run's name).
     */
    private static ExperimentResults results(ExperimentSpec experiment, List<String> sources, List<String> texts) {
        List<ExperimentSpec.Run> runs = experiment.runs();
        List<ExperimentResults.RunResult> results = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<JsonObject> lines = RunRecords.parse(texts.get(i));
            if (!RunRecords.finishedRunOf(sources.get(i), lines, experiment.description(runs.get(i)))) {
                throw new IllegalArgumentException(sources.get(i) + " has no final line: the run did not finish");
            }
            results.add(ExperimentResults.result(sources.get(i), lines));
        }
        return new ExperimentResults(results);
    }

    private static String label(ExperimentSpec.Run run, int index, int count) {
        return String.format(Locale.ROOT, "[%d/%d] %s %s %s %s seed %d", index + 1, count, run.task(), run.body(), run.init(),
                run.policy(), run.seed());
    }

    private static void train(Runs runner, RunSpec runSpec, int checkpointEvery, Path runDir) {
        try (Progress progress = new Progress(runSpec.task());
             MetricsLog log = new MetricsLog(runDir.resolve("metrics.jsonl"), RunRecords.describe(runSpec))) {
            runner.run(runSpec, TrainingListener.all(progress, log), new Checkpointing(runDir, checkpointEvery, true));
        }
    }

    private static String read(Path metrics) {
        if (!Files.exists(metrics)) {
            throw new IllegalArgumentException("Missing metrics file " + metrics + ": the run has not run (run without --report-only)");
        }
        try {
            return Files.readString(metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metrics + ": " + e.getMessage(), e);
        }
    }

    /** {@code --out} without {@code --master}: a local directory (a {@code file:} URI is one). */
    private static Path localDir(String target) {
        Matcher scheme = SCHEME.matcher(target);
        if (!scheme.find()) {
            return Path.of(target);
        }
        if (scheme.group(1).equalsIgnoreCase("file")) {
            return Path.of(URI.create(target));
        }
        throw new IllegalArgumentException("--out " + target + ": only the Spark runner writes to " + scheme.group(1)
                + ": filesystems; add --master (e.g. --master local[2])");
    }
}
