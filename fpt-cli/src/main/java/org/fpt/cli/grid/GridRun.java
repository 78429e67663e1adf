package org.fpt.cli.grid;

import java.io.Serializable;

/**
 * One run of an experiment grid as a runner needs it: {@code dirName} under {@code OUT/runs/}, a label for
 * people, and {@code description}, the full run description as JSON ({@link RunRecords#describe}) that the run's
 * metrics file must record before its numbers are reused.
 */
public record GridRun(String dirName, String label, String description) implements Serializable {
}
