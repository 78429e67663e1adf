package org.fpt.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;

/**
 * One training run, as the CLI or an experiment grid names it: every part by plugin name. {@code positions},
 * when present, extends the body's position table to that many rows ({@code --positions}, {@link Body#extendPositions});
 * {@code precision} says in what type the products through frozen weights run ({@code --precision}).
 */
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
        OptionalInt positions,
        Precision precision) {
    public RunSpec {
        taskProperties = Map.copyOf(taskProperties);
    }

    /** A run in float32 with the body's own positions. */
    public RunSpec(String task, String body, Init init, String policy, Optional<String> backend, Optional<String> readout,
                   Optional<Path> dataDir, Map<String, String> taskProperties, TrainingConfig training) {
        this(task, body, init, policy, backend, readout, dataDir, taskProperties, training, OptionalInt.empty(), Precision.FP32);
    }

    /** The same run with the body's positions extended to {@code n}. */
    public RunSpec withPositions(int n) {
        return new RunSpec(task, body, init, policy, backend, readout, dataDir, taskProperties, training, OptionalInt.of(n), precision);
    }

    /** The same run on the backend named {@code name}. */
    public RunSpec withBackend(String name) {
        return new RunSpec(task, body, init, policy, Optional.of(name), readout, dataDir, taskProperties, training, positions, precision);
    }

    /** The same run in {@code p}. */
    public RunSpec withPrecision(Precision p) {
        return new RunSpec(task, body, init, policy, backend, readout, dataDir, taskProperties, training, positions, p);
    }
}
