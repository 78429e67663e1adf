package org.fpt.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.fpt.train.Runs;
import picocli.CommandLine.Option;

/**
 * {@code --checkpoint FILE} of the commands that work on a trained model (eval, predict, attention), and
 * {@code --data-dir}: a checkpoint names its run, but never where data is read or anything written.
 */
final class CheckpointOption {
    @Option(names = "--checkpoint", required = true, description = "A checkpoint file written by 'fpt train --checkpoint-dir'.")
    Path file;

    @Option(names = "--data-dir", description = "Directory with the task's data files (the directory in the checkpoint is not used).")
    Path dataDir;

    @Option(names = "--weights", defaultValue = "selected", description = "selected | last: the weights selected on validation "
            + "(the best validation accuracy so far, which the run's test figure used) when the checkpoint holds them, or those "
            + "at the checkpoint's own step (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--backend", description = "Backend to run on (default: the one the checkpoint was trained on; a random-init "
            + "body's weights depend on the engine, so only that one rebuilds it).")
    String backend;

    /** The checkpoint's run rebuilt around its trained tensors; the caller closes it. */
    Runs.Loaded restore(picocli.CommandLine.Model.CommandSpec spec) {
        return restore(spec, OptionalInt.empty());
    }

    /** As {@link #restore(picocli.CommandLine.Model.CommandSpec)}, evaluating in batches of {@code evalBatchSize} when given. */
    Runs.Loaded restore(picocli.CommandLine.Model.CommandSpec spec, OptionalInt evalBatchSize) {
        Runs.Weights which = OptionChecks.parsed(spec, () -> switch (weights) {
            case "selected" -> Runs.Weights.SELECTED;
            case "last" -> Runs.Weights.LAST;
            default -> throw new IllegalArgumentException("--weights must be selected or last, got '" + weights + "'");
        });
        if (backend != null) {
            OptionChecks.parsed(spec, () -> Host.injector().getInstance(org.fpt.plugin.Plugins.class).backends().get(backend));
        }
        return Host.injector().getInstance(Runs.class).restore(file, Optional.ofNullable(dataDir), which, Optional.ofNullable(backend),
                evalBatchSize);
    }
}
