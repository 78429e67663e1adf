package org.fpt.spark;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.inject.Guice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.fpt.plugin.FptModule;
import org.fpt.plugin.Plugins;
import org.fpt.train.Checkpointing;
import org.fpt.train.MetricsLog;
import org.fpt.train.NativeWork;
import org.fpt.train.RunDescriptions;
import org.fpt.train.RunSpec;
import org.fpt.train.RunSummary;
import org.fpt.train.Runs;
import org.fpt.train.TrainingListener;

/**
 * One run of a grid in a JVM of its own, started by {@link RunTask}. A process per run because the engines keep
 * process-wide state (MXNet's random seed, which dropout draws from; the native thread count; the GPU a process
 * sees): two runs sharing a JVM would not be reproducible. It reads its {@link RunOrder} as one JSON line on stdin and
 * then watches stdin: when the task's JVM dies (a lost executor, a killed worker) the pipe closes and this process
 * ends too, so a lost task never leaves a run writing behind its retry's back.
 *
 * <p>It trains in a local temporary directory, resuming from the latest checkpoint on the shared store, and copies
 * every new checkpoint with the metrics to the store ({@link StoreSync}); exit 0 means the store holds the run
 * finished.
 */
public final class RunProcess {
    private RunProcess() {
    }

    public static void main(String[] args) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line = stdin.readLine();
            if (line == null) {
                throw new IllegalArgumentException("No run order on stdin");
            }
            Thread watchdog = new Thread(() -> haltWhenClosed(stdin), "parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            run(RunOrder.fromJson(JsonParser.parseString(line).getAsJsonObject()));
            System.exit(0);
        } catch (RuntimeException | IOException e) {
            System.err.println("fpt: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(RunOrder order) throws IOException {
        Configuration conf = new Configuration();
        order.hadoop().forEach(conf::set);
        StoredRun remote = new StoredRun(RunStore.open(order.out(), conf), order.dir());
        JsonObject requested = order.description();
        if (remote.finishedRunOf(requested)) {
            return; // an earlier attempt finished it before its task was lost
        }
        Path local = Files.createTempDirectory("fpt-run-");
        try {
            int own = remote.pullLatest(local);
            int resumedAt = own > 0 ? own : remote.pullShorterRun(local, requested);
            RunSpec asked = RunDescriptions.fromJson(requested);
            String body = SharedBodies.localCopy(asked.body(), conf);
            RunSpec spec = new RunSpec(asked.task(), body, asked.init(), asked.policy(), order.backend(), asked.readout(), asked.dataDir(),
                    asked.taskProperties(), asked.training(), asked.positions(), asked.precision());
            Runs runs = Guice.createInjector(new FptModule(Plugins.load(RunProcess.class.getClassLoader()))).getInstance(Runs.class);
            StoreSync sync = new StoreSync(local, remote, resumedAt);
            RunSummary summary;
            try (MetricsLog log = new MetricsLog(local.resolve(StoredRun.METRICS), requested)) {
                summary = runs.run(spec, TrainingListener.all(log, sync), new Checkpointing(local, order.checkpointEvery(), true));
            }
            JsonObject json = new GsonBuilder().create().toJsonTree(summary).getAsJsonObject();
            json.addProperty("resumed_from_step", resumedAt);
            sync.finish(new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
        } finally {
            LocalFiles.deleteRecursively(local);
        }
    }

    private static void haltWhenClosed(BufferedReader stdin) {
        try {
            while (stdin.read() != -1) {
                // nothing is sent after the order: only the end of the stream matters
            }
        } catch (IOException e) {
            // a broken pipe is a closed one
        }
        System.err.println("fpt: the task that started this run is gone; stopping");
        NativeWork.stopAfterUnitsInFlight(); // halt skips the shutdown hook that would wait for a step in libtorch
        Runtime.getRuntime().halt(3);
    }

    /** What to run: the run's description, where its directory is, and the settings of the grid it belongs to. */
    record RunOrder(String out, String dir, JsonObject description, int checkpointEvery, Optional<String> backend,
                    java.util.Map<String, String> hadoop) {
        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("out", out);
            json.addProperty("dir", dir);
            json.add("description", description);
            json.addProperty("checkpoint_every", checkpointEvery);
            backend.ifPresent(b -> json.addProperty("backend", b));
            JsonObject settings = new JsonObject();
            hadoop.forEach(settings::addProperty);
            json.add("hadoop", settings);
            return json;
        }

        static RunOrder fromJson(JsonObject json) {
            java.util.Map<String, String> hadoop = new java.util.LinkedHashMap<>();
            json.getAsJsonObject("hadoop").entrySet().forEach(e -> hadoop.put(e.getKey(), e.getValue().getAsString()));
            return new RunOrder(json.get("out").getAsString(), json.get("dir").getAsString(), json.getAsJsonObject("description"),
                    json.get("checkpoint_every").getAsInt(), Optional.ofNullable(json.get("backend")).map(b -> b.getAsString()), hadoop);
        }
    }
}
