package org.fpt.cli.grid;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * A grid's progress: runs done (trained or reused), running, failed attempts, and an ETA from the pace so far
 * (runs trained per second of this driver's life, which counts how many ran at once). Thread-safe: Spark reports
 * from its listener thread.
 */
public final class GridProgress {
    private final int total;
    private final long startNanos = System.nanoTime();
    private int done;
    private int trained;
    private int running;
    private int failed;

    public GridProgress(int total) {
        this.total = total;
    }

    /** Runs already finished before this driver started. */
    public synchronized void reused(int runs) {
        done += runs;
    }

    public synchronized void started() {
        running++;
    }

    public synchronized void finished() {
        running = Math.max(0, running - 1);
        done++;
        trained++;
    }

    /** An attempt that died; the runner may try the run again. */
    public synchronized void failed() {
        running = Math.max(0, running - 1);
        failed++;
    }

    public synchronized int failedAttempts() {
        return failed;
    }

    /** Runs done, running and failed: what a terminal line is printed for when it changes. */
    public synchronized String counts() {
        return done + "/" + running + "/" + failed;
    }

    /** Seconds until every run is done, or -1 before the first trained run gives a pace. */
    public synchronized long etaSeconds() {
        if (trained == 0) {
            return -1;
        }
        return Math.round((total - done) * elapsedSeconds() / trained);
    }

    public synchronized String line() {
        long eta = etaSeconds();
        return String.format(Locale.ROOT, "runs %d/%d done, %d running, %d failed attempts, ETA %s, elapsed %s", done, total,
                running, failed, eta < 0 ? "unknown" : clock(eta), clock(Math.round(elapsedSeconds())));
    }

    /** The same as JSON, for the progress file. */
    public synchronized String json() {
        JsonObject json = new JsonObject();
        json.addProperty("total", total);
        json.addProperty("done", done);
        json.addProperty("running", running);
        json.addProperty("failed_attempts", failed);
        json.addProperty("eta_seconds", etaSeconds());
        json.addProperty("line", line());
        return json + "\n";
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
