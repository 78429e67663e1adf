package org.fpt.train;

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
import java.util.stream.Stream;

/**
 * Where and how often a run saves {@link Checkpoint}s, and whether it resumes from the latest one.
 * Files are {@code DIR/checkpoint-<step>.safetensors}; after a new one is written the older ones are
 * deleted, so a run killed at any moment leaves at least one complete checkpoint.
 */
public final class Checkpointing {
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

    /** The checkpoint to resume from: the latest in the directory, if resuming and one exists. */
    public Optional<Checkpoint> resumeFrom() {
        if (!resume || dir == null) {
            return Optional.empty();
        }
        return latest(dir).map(file -> {
            Checkpoint checkpoint = Checkpoint.read(file);
            RunDescriptions.requireSameRun(file, checkpoint.run(), run);
            return checkpoint;
        });
    }

    boolean due(int step, int lastStep) {
        return dir != null && (step % every == 0 || step == lastStep);
    }

    void save(Checkpoint checkpoint) {
        Path file = dir.resolve(String.format("checkpoint-%08d.safetensors", checkpoint.step()));
        checkpoint.write(file);
        for (Path old : checkpoints(dir)) {
            if (!old.equals(file)) {
                try {
                    Files.deleteIfExists(old);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete old checkpoint " + old, e);
                }
            }
        }
    }

    /** The checkpoint with the highest step in {@code dir}, if any. */
    public static Optional<Path> latest(Path dir) {
        return checkpoints(dir).stream().max(Comparator.comparingLong(Checkpointing::stepOf));
    }

    private static List<Path> checkpoints(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> FILE.matcher(f.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + dir, e);
        }
    }

    private static long stepOf(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
