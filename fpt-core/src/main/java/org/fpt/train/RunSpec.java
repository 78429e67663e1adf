package org.fpt.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.fpt.spi.BodySource.Init;

/** One training run, as the CLI or an experiment grid names it: every part by plugin name, and the precision asked for. */
public record RunSpec(
        String task,
        String body,
        Init init,
        String policy,
        Optional<String> backend,
        Optional<String> readout,
        Optional<Path> dataDir,
        Map<String, String> taskProperties,
        TrainingConfig training,
        Precision precision) {
    public RunSpec {
        taskProperties = Map.copyOf(taskProperties);
    }

    /** A run in float32 ({@link Precision#FP32}), as before {@code --precision} existed. */
    public RunSpec(String task, String body, Init init, String policy, Optional<String> backend, Optional<String> readout,
                   Optional<Path> dataDir, Map<String, String> taskProperties, TrainingConfig training) {
        this(task, body, init, policy, backend, readout, dataDir, taskProperties, training, Precision.FP32);
    }
}
