package org.fpt.cli.grid;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an experiment grid outside this process: the Spark runner (module fpt-spark) implements it and registers
 * it in {@code META-INF/services}; {@code fpt experiment --master} finds it there. It lives in its own module so
 * that Spark and Hadoop stay off the class path of every other command.
 */
public interface GridRunner {
    /**
     * Trains the runs of {@code job} that {@code job.out()} does not already hold finished (under the same
     * description), then passes every run's metrics-file text, in {@code job.runs()} order, to {@code report},
     * which writes the tables into a local directory; the runner copies that directory's files into
     * {@code job.out()} (each file atomically) and then deletes. Holds {@code job.out()}'s lock throughout.
     */
    void run(GridJob job, Report report, PrintWriter terminal);

    /** Makes the tables from the runs' records; returns the local directory it wrote them to. */
    @FunctionalInterface
    interface Report {
        Path write(List<String> metricsTexts);
    }
}
