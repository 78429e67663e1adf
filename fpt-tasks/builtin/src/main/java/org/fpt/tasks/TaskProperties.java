package org.fpt.tasks;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.fpt.spi.TaskOptions;

/** Typed access to a task's {@code key=value} properties; a typo or a bad value is an error, never ignored. */
final class TaskProperties {
    private final String task;
    private final TaskOptions options;

    /** Fails when a property is not one of {@code known}, so {@code max-lenght=512} is not silently ignored. */
    TaskProperties(String task, TaskOptions options, String... known) {
        this.task = task;
        this.options = options;
        Set<String> allowed = Set.of(known);
        for (String key : options.properties().keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("Task '" + task + "' has no property '" + key + "'. Known: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    int integer(String key, int fallback, int min) {
        int value = options.intProperty(key, fallback);
        if (value < min) {
            throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be >= " + min + ", got " + value);
        }
        return value;
    }

    boolean bool(String key, boolean fallback) {
        String value = options.properties().get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be true or false, got '" + value + "'");
        };
    }

    /** Whether the property was given at all (so a default can differ from an explicit value). */
    boolean has(String key) {
        return options.properties().containsKey(key);
    }

    /** An integer in {@code [min, max]}. */
    int integer(String key, int fallback, int min, int max) {
        int value = integer(key, fallback, min);
        if (value > max) {
            throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be <= " + max + ", got " + value);
        }
        return value;
    }

    /** A finite number in {@code [min, max]}. */
    float number(String key, float fallback, float min, float max) {
        float value = numbers(key, new float[] {fallback}, 1)[0];
        if (value < min || value > max) {
            throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    /** Like {@link #numbers}, each number also above 0 (a standard deviation divides). */
    float[] positiveNumbers(String key, float[] fallback, int count) {
        float[] values = numbers(key, fallback, count);
        for (float value : values) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be > 0, got '"
                        + options.properties().get(key) + "'");
            }
        }
        return values;
    }

    /**
     * A comma-separated list of {@code count} finite numbers (one number is repeated {@code count} times);
     * NaN and infinities are refused, since they would only ever turn every input into NaN.
     */
    float[] numbers(String key, float[] fallback, int count) {
        String value = options.properties().get(key);
        if (value == null) {
            return fallback;
        }
        String[] parts = value.split(",");
        if (parts.length != 1 && parts.length != count) {
            throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' needs 1 or " + count
                    + " comma-separated numbers, got '" + value + "'");
        }
        float[] parsed = new float[count];
        for (int i = 0; i < count; i++) {
            String part = parts[parts.length == 1 ? 0 : i].trim();
            try {
                parsed[i] = Float.parseFloat(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be numbers, got '" + value + "'");
            }
            if (!Float.isFinite(parsed[i])) {
                throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be finite numbers, got '" + value + "'");
            }
        }
        return parsed;
    }

    String string(String key, String fallback) {
        return options.properties().getOrDefault(key, fallback).trim();
    }
}
