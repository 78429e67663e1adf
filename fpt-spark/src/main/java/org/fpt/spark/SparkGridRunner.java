package org.fpt.spark;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.fpt.cli.grid.GridJob;
import org.fpt.cli.grid.GridProgress;
import org.fpt.cli.grid.GridRun;
import org.fpt.cli.grid.GridRunner;
import org.fpt.cli.grid.ShorterRun;
import org.fpt.plugin.PluginPath;

/**
 * {@code fpt experiment SPEC --master M}: the grid's unfinished runs become one Spark task each ({@link RunTask}),
 * over any Spark master; the driver shows and saves the grid's progress, then reads every run's record from the
 * shared store for the tables. Settings of its own, given as {@code --conf}: {@code fpt.lock.stale-seconds} (120),
 * {@code fpt.progress.seconds} (how often the progress file is rewritten, 5) and {@code fpt.run.java-options}.
 */
public final class SparkGridRunner implements GridRunner {
    /** Set by ./fpt: FPT's own class path (its jar and lib/), shipped to executors as spark.jars. */
    static final String APP_CLASSPATH = "fpt.app.classpath";
    static final String PROGRESS = "progress.json";
    private static final Pattern RUN_FAILURE = Pattern.compile("Run \\[[^\\n]*");

    @Override
    public void run(GridJob job, Report report, PrintWriter terminal) {
        Configuration hadoop = new Configuration();
        job.conf().forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        RunStore store = RunStore.open(job.out(), hadoop);
        long staleMillis = 1000L * Long.parseLong(job.conf().getOrDefault("fpt.lock.stale-seconds", "120"));
        try (StoreLock lock = StoreLock.acquire(store, Math.max(1000, staleMillis / 8), staleMillis)) {
            List<GridRun> todo = new ArrayList<>();
            for (GridRun run : job.runs()) {
                if (!job.reportOnly() && !new StoredRun(store, run.dirName()).finishedRunOf(description(run))) {
                    todo.add(run);
                }
            }
            GridProgress progress = new GridProgress(job.runs().size());
            progress.reused(job.runs().size() - todo.size());
            if (!todo.isEmpty()) {
                train(job, store, todo, progress, terminal);
            }
            List<String> records = new ArrayList<>();
            for (GridRun run : job.runs()) {
                StoredRun stored = new StoredRun(store, run.dirName());
                records.add(stored.metrics().orElseThrow(() -> new IllegalStateException("Missing metrics file " + stored.source()
                        + (job.reportOnly() ? ": the run has not run (run without --report-only)" : ""))));
            }
            publish(report.write(records), store);
        }
    }

    private static void train(GridJob job, RunStore store, List<GridRun> todo, GridProgress progress, PrintWriter terminal) {
        terminal.println(String.format("Spark %s: %d of %d runs to train, %d cores each", job.master(), todo.size(), job.runs().size(),
                job.coresPerRun()));
        for (GridRun run : todo) {
            ShorterRun.Search shorter = new StoredRun(store, run.dirName()).shorterRun(description(run));
            shorter.found().ifPresent(s -> terminal.println("  " + run.label() + ": continues " + s.describe()));
            shorter.notContinued().forEach(reason -> terminal.println("  " + run.label() + ": starts at step 0; not continued: " + reason));
        }
        terminal.flush();
        long every = 1000L * Long.parseLong(job.conf().getOrDefault("fpt.progress.seconds", "5"));
        try (JavaSparkContext spark = new JavaSparkContext(settings(job))) {
            spark.sc().addSparkListener(new ProgressListener(progress));
            JavaFutureAction<List<String>> done = spark.parallelize(todo, todo.size())
                    .map(new RunTask(store.root().toString(), job.checkpointEvery(), job.coresPerRun(), job.backend(), runJavaOptions(job))).collectAsync();
            String shown = "";
            while (!done.isDone()) {
                if (!progress.counts().equals(shown)) {
                    shown = progress.counts();
                    terminal.println(progress.line());
                    terminal.flush();
                }
                store.writeText(PROGRESS, progress.json());
                Thread.sleep(every);
            }
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the grid ran", e);
        } catch (ExecutionException e) {
            Matcher run = RUN_FAILURE.matcher(String.valueOf(e.getCause().getMessage()));
            throw new IllegalStateException("Spark gave up on the grid: " + (run.find() ? run.group() : e.getCause().getMessage()), e);
        } finally {
            store.writeText(PROGRESS, progress.json());
        }
        terminal.println(progress.line());
        terminal.flush();
    }

    /** Options for each run's JVM: {@code --conf fpt.run.java-options="..."}, split at spaces. */
    static List<String> runJavaOptions(GridJob job) {
        String options = job.conf().getOrDefault("fpt.run.java-options", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    static final String HEARTBEAT_TIMEOUT = "spark.storage.blockManagerHeartbeatTimeoutMs";
    /**
     * A local master's executor lives in the driver's JVM, so a missed heartbeat never means a lost machine, only a
     * process that was not running: a laptop's sleep or a {@code kill -STOP}. With Spark's 120 s the driver then
     * drops its own executor, whose heartbeats fail from then on, and the grid soon exits "unable to send heartbeats
     * to driver". A week rides out any such pause (this key only: RPCs keep Spark's timeouts); {@code --conf} still
     * sets another, here or through {@code spark.network.timeout}.
     */
    static final String LOCAL_HEARTBEAT_TIMEOUT = "7d";

    /** The Spark settings: the run's cores as spark.task.cpus, FPT's and the plugins' jars, then the user's --conf. */
    static SparkConf settings(GridJob job) {
        SparkConf conf = new SparkConf().setMaster(job.master()).setAppName("fpt experiment " + job.name())
                .set("spark.task.cpus", String.valueOf(job.coresPerRun()))
                .set("spark.ui.showConsoleProgress", "false"); // the driver prints the grid's own progress
        List<String> jars = new ArrayList<>();
        job.pluginPath().ifPresent(path -> PluginPath.jars(path).forEach(jar -> jars.add(jar.toAbsolutePath().toString())));
        boolean local = GridJob.isLocal(job.master());
        if (!local && !job.conf().containsKey("spark.executor.extraClassPath")) {
            String app = System.getProperty(APP_CLASSPATH);
            if (app == null) {
                throw new IllegalStateException("Executors need FPT's jars: start the driver with ./fpt (which ships them), or set"
                        + " --conf spark.executor.extraClassPath=<FPT's jars on every worker>");
            }
            jars.addAll(expand(app));
        }
        job.conf().forEach((key, value) -> {
            if (!key.startsWith("fpt.")) {
                conf.set(key, value);
            }
        });
        boolean oneJvm = job.master().equals("local") || job.master().startsWith("local["); // not local-cluster[...]: separate JVMs
        if (oneJvm && Stream.of(HEARTBEAT_TIMEOUT, "spark.storage.blockManagerSlaveTimeoutMs", "spark.network.timeout").noneMatch(job.conf()::containsKey)) {
            conf.set(HEARTBEAT_TIMEOUT, LOCAL_HEARTBEAT_TIMEOUT);
        }
        if (job.conf().containsKey("spark.jars")) {
            jars.add(job.conf().get("spark.jars"));
        }
        if (!jars.isEmpty()) {
            conf.set("spark.jars", String.join(",", jars));
        }
        return conf;
    }

    /** A class path with {@code dir/*} entries, as jar paths. */
    static List<String> expand(String classPath) {
        List<String> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                try (Stream<Path> files = Files.list(Path.of(entry.substring(0, entry.length() - 1)))) {
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> jars.add(f.toAbsolutePath().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list " + entry + ": " + e.getMessage(), e);
                }
            } else if (!entry.isBlank()) {
                jars.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return jars;
    }

    private static com.google.gson.JsonObject description(GridRun run) {
        return com.google.gson.JsonParser.parseString(run.description()).getAsJsonObject();
    }

    /** Copies the report's files into the store's root, each atomically, then deletes the local copy. */
    private static void publish(Path local, RunStore store) {
        try (Stream<Path> files = Files.list(local)) {
            for (Path file : files.sorted().toList()) {
                store.upload(file, file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the report in " + local + ": " + e.getMessage(), e);
        }
        LocalFiles.deleteRecursively(local);
    }

}
