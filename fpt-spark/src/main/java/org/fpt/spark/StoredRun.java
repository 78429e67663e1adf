package org.fpt.spark;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fpt.cli.grid.RunRecords;
import org.fpt.cli.grid.ShorterRun;

/**
 * One run's directory on the shared store, {@code OUT/runs/<dir>/}: {@code metrics.jsonl}, the latest
 * {@code checkpoint-<step>.safetensors} and, once finished, {@code summary.json}. The order of writes keeps it
 * consistent at every instant: metrics before the checkpoint they cover (a resumed run drops metrics lines past its
 * checkpoint), the final checkpoint before the metrics' final line (finished means complete).
 */
final class StoredRun {
    static final String METRICS = "metrics.jsonl";
    static final String SUMMARY = "summary.json";
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)\\.safetensors");

    private final RunStore store;
    private final String dirName;
    private final String dir;

    StoredRun(RunStore store, String dirName) {
        this.store = store;
        this.dirName = dirName;
        this.dir = "runs/" + dirName;
    }

    String source() {
        return store.path(dir + "/" + METRICS).toString();
    }

    Optional<String> metrics() {
        return store.readText(dir + "/" + METRICS);
    }

    /** Whether the store holds this run finished under {@code requested}; another run's finished record is refused. */
    boolean finishedRunOf(JsonObject requested) {
        return metrics().map(text -> RunRecords.finishedRunOf(source(), RunRecords.parse(text), requested)).orElse(false);
    }

    /** The step of the latest checkpoint on the store, if any. */
    Optional<String> latestCheckpoint() {
        return store.list(dir).stream().filter(n -> CHECKPOINT.matcher(n).matches()).max(Comparator.comparingLong(StoredRun::stepOf));
    }

    /**
     * Copies the latest checkpoint and the metrics into {@code local} so the run resumes there; returns the
     * checkpoint's step, 0 when there is none (then nothing is copied: the run starts afresh).
     */
    int pullLatest(Path local) {
        Optional<String> checkpoint = latestCheckpoint();
        if (checkpoint.isEmpty()) {
            return 0;
        }
        store.download(dir + "/" + METRICS, local.resolve(METRICS));
        store.download(dir + "/" + checkpoint.get(), local.resolve(checkpoint.get()));
        return (int) stepOf(checkpoint.get());
    }

    /** The shorter run on the store that this run continues ({@link ShorterRun}), if it has no checkpoint of its own. */
    ShorterRun.Search shorterRun(JsonObject requested) {
        if (latestCheckpoint().isPresent()) {
            return new ShorterRun.Search(Optional.empty(), List.of());
        }
        return ShorterRun.among(dirName, requested, store.listDirectories("runs"), other -> {
            StoredRun run = new StoredRun(store, other);
            return run.latestCheckpoint().flatMap(checkpoint -> run.metrics().flatMap(text -> RunRecords.recorded(RunRecords.parse(text)))
                    .map(description -> new ShorterRun.Candidate(description, stepOf(checkpoint))));
        });
    }

    /**
     * For a run with no checkpoint on the store: copies the latest checkpoint and the metrics (made this run's) of the
     * shorter run it continues into {@code local}; returns the checkpoint's step, 0 when there is no such run.
     */
    int pullShorterRun(Path local, JsonObject requested) {
        Optional<ShorterRun> shorter = shorterRun(requested).found();
        if (shorter.isEmpty()) {
            return 0;
        }
        int step = new StoredRun(store, shorter.get().dirName()).pullLatest(local);
        ShorterRun from = new ShorterRun(shorter.get().dirName(), shorter.get().steps(), step); // the checkpoint pulled, should it be newer
        try {
            Path metrics = local.resolve(METRICS);
            Files.writeString(metrics, from.continuedMetrics(Files.readString(metrics), requested));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite " + local.resolve(METRICS) + ": " + e.getMessage(), e);
        }
        return step;
    }

    /** A new local checkpoint: metrics first, then the checkpoint, then the older checkpoints go. */
    void pushCheckpoint(Path checkpoint, Path metrics) {
        store.upload(metrics, dir + "/" + METRICS);
        pushCheckpointOnly(checkpoint);
    }

    /** The finished run: its last checkpoint, its summary, then the metrics with their final line. */
    void pushFinal(Path checkpoint, String summaryJson, Path metrics) {
        pushCheckpointOnly(checkpoint);
        store.writeText(dir + "/" + SUMMARY, summaryJson);
        store.upload(metrics, dir + "/" + METRICS);
    }

    private void pushCheckpointOnly(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        store.upload(checkpoint, dir + "/" + name);
        List<String> older = store.list(dir).stream().filter(n -> CHECKPOINT.matcher(n).matches() && !n.equals(name)).toList();
        older.forEach(n -> store.delete(dir + "/" + n));
    }

    static long stepOf(String fileName) {
        Matcher m = CHECKPOINT.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
