package org.fpt.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the host tells a task: the seed its generators use, where its files are, free-form
 * {@code key=value} properties (e.g. {@code max-length=512}) that the task documents itself, and whether it
 * may create files. {@code readOnly} is set when the host rebuilds a run from a checkpoint ({@code fpt eval},
 * {@code predict}, {@code attention}): a checkpoint is data, and nothing in it may make the program write,
 * so a task that would otherwise generate its data files must refuse instead. Read the properties through
 * {@link TaskProperties}, which refuses keys the task does not declare.
 */
public record TaskOptions(long seed, Optional<Path> dataDir, Map<String, String> properties, boolean readOnly) {
    public TaskOptions {
        properties = Map.copyOf(properties);
    }

    /** Options of a run that may create the task's files (training). */
    public TaskOptions(long seed, Optional<Path> dataDir, Map<String, String> properties) {
        this(seed, dataDir, properties, false);
    }

    public static TaskOptions of(long seed) {
        return new TaskOptions(seed, Optional.empty(), Map.of());
    }

    /** One integer property; unlike {@link TaskProperties} it does not refuse unknown keys. */
    public int intProperty(String key, int fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Task property '" + key + "' must be an integer, got '" + value + "'");
        }
    }

    /** The data directory, or an error naming the task that needs one. */
    public Path requireDataDir(String task) {
        return dataDir.orElseThrow(() -> new IllegalArgumentException(
                "Task '" + task + "' reads files: pass --data-dir DIR"));
    }
}
