package org.fpt.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the host tells a task: the seed its generators use, where its files are, and free-form
 * {@code key=value} properties (e.g. {@code max-length=512}) that the task documents itself. Read them
 * through {@link TaskProperties}, which refuses keys the task does not declare.
 */
public record TaskOptions(long seed, Optional<Path> dataDir, Map<String, String> properties) {
    public TaskOptions {
        properties = Map.copyOf(properties);
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
