package org.fpt.cli;

import java.nio.file.Path;
import org.fpt.train.Runs;
import picocli.CommandLine.Option;

/** {@code --checkpoint FILE} of the commands that work on a trained model (eval, predict, attention). */
final class CheckpointOption {
    @Option(names = "--checkpoint", required = true, description = "A checkpoint file written by 'fpt train --checkpoint-dir'.")
    Path file;

    /** The checkpoint's run rebuilt around its trained tensors; the caller closes it. */
    Runs.Loaded restore() {
        return Host.injector().getInstance(Runs.class).restore(file);
    }
}
