package org.fpt.cli;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fpt.cli.grid.RunRecords;
import org.fpt.cli.grid.ShorterRun;
import org.fpt.io.AtomicFiles;
import org.fpt.train.Checkpointing;

/** "Training longer" for the local runner: a run's directory seeded from the shorter run it continues ({@link ShorterRun}). */
final class LocalContinuation {
    private LocalContinuation() {
    }

    /**
     * A run without a checkpoint of its own that a shorter run in {@code runsDir} leads to ({@link ShorterRun}) starts from
     * that run's checkpoints and metrics, copied into its directory (metrics first: a copy cut short by a kill is simply
     * made again). Returns what to print under the run's progress line: where it continues from, or why runs of its
     * name are not continued.
     */
    static List<String> prepare(Path runsDir, String dirName, JsonObject description) {
        Path runDir = runsDir.resolve(dirName);
        if (Checkpointing.latest(runDir).isPresent()) {
            return List.of();
        }
        ShorterRun.Search search = ShorterRun.among(dirName, description, directories(runsDir), other -> candidate(runsDir.resolve(other)));
        if (search.found().isEmpty()) {
            return search.notContinued().stream().map(reason -> "starts at step 0; not continued: " + reason).toList();
        }
        ShorterRun shorter = search.found().get();
        Path from = runsDir.resolve(shorter.dirName());
        try {
            AtomicFiles.writeString(runDir.resolve("metrics.jsonl"), shorter.continuedMetrics(Files.readString(from.resolve("metrics.jsonl")), description));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + from.resolve("metrics.jsonl") + ": " + e.getMessage(), e);
        }
        for (Path checkpoint : Checkpointing.all(from)) { // both kept ones: a damaged newest falls back to the other
            AtomicFiles.write(runDir.resolve(checkpoint.getFileName()), out -> Files.copy(checkpoint, out));
        }
        return List.of("continues " + shorter.describe());
    }

    /** A run directory's description (the first line of its metrics) and latest checkpoint step, if it has both. */
    private static Optional<ShorterRun.Candidate> candidate(Path runDir) {
        Optional<Path> checkpoint = Checkpointing.latest(runDir);
        Path metrics = runDir.resolve("metrics.jsonl");
        if (checkpoint.isEmpty() || !Files.isRegularFile(metrics)) {
            return Optional.empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(metrics, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return Optional.ofNullable(first).flatMap(line -> RunRecords.recorded(RunRecords.parse(line)))
                    .map(recorded -> new ShorterRun.Candidate(recorded, Checkpointing.stepOf(checkpoint.get())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metrics + ": " + e.getMessage(), e);
        }
    }

    private static List<String> directories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
