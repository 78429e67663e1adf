package org.fpt.cli.grid;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code fpt experiment SPEC --master M} asks of a {@link GridRunner}: train {@code runs} (one task each) into
 * {@code out} (a Hadoop filesystem URI or a local path), checkpointing every {@code checkpointEvery} steps.
 *
 * @param conf         extra Spark settings ({@code --conf KEY=VALUE})
 * @param coresPerRun  cores one run uses ({@code spark.task.cpus}, and its native thread count)
 * @param backend      the backend every run trains on ({@code --backend}); empty: each run's default
 * @param pluginPath   the plugin path in force ({@code --plugin-path} or {@code FPT_PLUGIN_PATH}): its jars go to executors
 * @param reportOnly   only gather the records already in {@code out}
 */
public record GridJob(String name, String out, String master, Map<String, String> conf, int coresPerRun, Optional<String> backend, int checkpointEvery,
                      List<GridRun> runs, Optional<String> pluginPath, boolean reportOnly) {
    public GridJob {
        conf = Map.copyOf(conf);
        runs = List.copyOf(runs);
    }

    /** Whether Spark's {@code master} runs the executors on this machine ({@code local}, {@code local[N]}): they see its files. */
    public static boolean isLocal(String master) {
        return master.startsWith("local");
    }
}
