package org.fpt.cli;

import java.nio.file.Path;

/** Test access to the package-private experiment spec reader, for the fuzz suite in {@code org.fpt.fuzz}. */
public final class ExperimentSpecs {
    private ExperimentSpecs() {
    }

    /** Reads a spec as {@code fpt experiment} does before training: the grid, each run's directory name and settings. */
    public static int read(Path file) {
        ExperimentSpec spec = ExperimentSpec.read(file);
        int runs = 0;
        for (ExperimentSpec.Run run : spec.runs()) {
            Path.of("experiments", spec.name()).resolve("runs").resolve(spec.dirName(run));
            spec.lrFor(run.policy());
            spec.stepsFor(run.task());
            spec.taskProperties().getOrDefault(run.task(), java.util.Map.of());
            runs++;
        }
        return runs;
    }
}
