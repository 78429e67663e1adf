package org.fpt.train;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fpt.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how often a run saves {@link Checkpoint}s, and whether it resumes from the latest one.
 * Files are {@code DIR/checkpoint-<step>.safetensors}, each written to a temp file and renamed. After a new
 * one is written, all but the newest two are deleted, and so are temp files a killed run left behind. So a
 * run killed at any moment leaves a complete checkpoint, and if the newest one is later found damaged,
 * resuming falls back to the one before it, with a warning naming the damaged file. Only regular files
 * count as checkpoints: a FIFO or directory with a checkpoint's name is skipped, never opened.
 */
public final class Checkpointing {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointing.class);
    /** The newest and the one before it: a damaged newest one still leaves a checkpoint to resume from. */
    private static final int KEPT = 2;
    public static final Checkpointing NONE = new Checkpointing(null, Integer.MAX_VALUE, false, new JsonObject());
    private static final Pattern FILE = Pattern.compile("checkpoint-(\\d+)\\.safetensors");

    private final Path dir;
    private final int every;
    private final boolean resume;
    private final JsonObject run;

    /** {@code every}: save every N steps (and always after the last one). */
    public Checkpointing(Path dir, int every, boolean resume) {
        this(dir, every, resume, new JsonObject());
        if (every <= 0) {
            throw new IllegalArgumentException("--checkpoint-every must be > 0, got " + every);
        }
    }

    private Checkpointing(Path dir, int every, boolean resume, JsonObject run) {
        this.dir = dir;
        this.every = every;
        this.resume = resume;
        this.run = run;
    }

    /** The same settings for a described run; its description is stored in every checkpoint. */
    public Checkpointing forRun(JsonObject run) {
        return dir == null ? this : new Checkpointing(dir, every, resume, run);
    }

    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    JsonObject run() {
        return run;
    }

    /**
     * The checkpoint to resume from, if resuming: the newest in the directory that reads; a damaged newer one
     * is skipped with a warning. Damaged checkpoints and nothing else is an error (never a silent fresh start).
     */
    public Optional<Checkpoint> resumeFrom() {
        return resumeFrom(true);
    }

    /** {@link #resumeFrom()} without its warning: for a look ahead at the checkpoint (its backend) before the run resumes and warns. */
    Optional<Checkpoint> peekResumeFrom() {
        return resumeFrom(false);
    }

    private Optional<Checkpoint> resumeFrom(boolean warnOfSkipped) {
        if (!resume || dir == null) {
            return Optional.empty();
        }
        deleteLeftovers(dir);
        List<Path> newestFirst = checkpoints(dir).stream().sorted(Comparator.comparingLong(Checkpointing::stepOf).reversed()).toList();
        List<String> damaged = new ArrayList<>();
        for (Path file : newestFirst) {
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.read(file);
            } catch (IllegalArgumentException e) {
                damaged.add(e.getMessage());
                continue;
            }
            if (!damaged.isEmpty() && warnOfSkipped) {
                LOG.warn("Resuming from {}: the newer checkpoint is damaged and skipped ({})", file, String.join("; ", damaged));
            }
            RunDescriptions.requireSameRun(file, checkpoint.run(), run);
            return Optional.of(checkpoint);
        }
        if (!damaged.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", damaged) + (damaged.size() > 1 ? "" : "; no older checkpoint in " + dir
                    + " to fall back to"));
        }
        return Optional.empty();
    }

    boolean due(int step, int lastStep) {
        return dir != null && (step % every == 0 || step == lastStep);
    }

    void save(Checkpoint checkpoint) {
        Path file = dir.resolve(String.format("checkpoint-%08d.safetensors", checkpoint.step()));
        checkpoint.write(file);
        List<Path> newestFirst = checkpoints(dir).stream().sorted(Comparator.comparingLong(Checkpointing::stepOf).reversed()).toList();
        for (Path old : newestFirst.subList(Math.min(KEPT, newestFirst.size()), newestFirst.size())) {
            delete(old);
        }
        deleteLeftovers(dir);
    }

    /** The checkpoint with the highest step in {@code dir}, if any. */
    public static Optional<Path> latest(Path dir) {
        return checkpoints(dir).stream().max(Comparator.comparingLong(Checkpointing::stepOf));
    }

    /** The checkpoint files in {@code dir}, oldest first (a run keeps its newest two). */
    public static List<Path> all(Path dir) {
        return checkpoints(dir).stream().sorted(Comparator.comparingLong(Checkpointing::stepOf)).toList();
    }

    /** Regular files named like checkpoints. */
    private static List<Path> checkpoints(Path dir) {
        return list(dir).stream().filter(f -> FILE.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)).toList();
    }

    /** Temp files of checkpoint writes a kill interrupted (one run per directory: none is being written now). */
    private static void deleteLeftovers(Path dir) {
        for (Path file : list(dir)) {
            if (AtomicFiles.isLeftover(file, name -> FILE.matcher(name).matches()) && Files.isRegularFile(file)) {
                LOG.info("Deleting {}, left by a run killed while writing a checkpoint", file);
                delete(file);
            }
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete old checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The step a checkpoint file's name gives, -1 for another file. */
    public static long stepOf(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
