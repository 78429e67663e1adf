package org.fpt.spi;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A task's {@code -P key=value} properties, read with their names declared first: a key the task does not
 * declare ({@code test-sise=10}) is refused at once, in one line listing the known ones, so a typo never
 * trains with the default. Typed getters check their values. Every error is a {@link TaskPropertyException}
 * naming the task and the property.
 *
 * <pre>{@code
 * public Task create(TaskOptions options) {
 *     TaskProperties props = new TaskProperties(name(), options, "max-length", "test-size");
 *     int maxLength = props.integer("max-length", 16, 1);   // default 16, at least 1
 *     ...
 * }
 * }</pre>
 */
public final class TaskProperties {
    private final String task;
    private final TaskOptions options;

    /** Refuses any property of {@code options} that is not one of {@code known}. */
    public TaskProperties(String task, TaskOptions options, String... known) {
        this.task = task;
        this.options = options;
        Set<String> allowed = Set.of(known);
        for (String key : new TreeSet<>(options.properties().keySet())) {
            if (!allowed.contains(key)) {
                throw new TaskPropertyException("Task '" + task + "' has no property '" + key + "'. Known: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }

    /** An integer of at least {@code min}; {@code fallback} when the property is not given. */
    public int integer(String key, int fallback, int min) {
        String value = options.properties().get(key);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad(key, "must be an integer, got '" + value + "'");
        }
        if (parsed < min) {
            throw bad(key, "must be >= " + min + ", got " + parsed);
        }
        return parsed;
    }

    /** {@code true}, {@code yes}, {@code 1} or {@code false}, {@code no}, {@code 0}. */
    public boolean bool(String key, boolean fallback) {
        String value = options.properties().get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(key, "must be true or false, got '" + value + "'");
        };
    }

    /** An integer in {@code [min, max]}. */
    public int integer(String key, int fallback, int min, int max) {
        int value = integer(key, fallback, min);
        if (value > max) {
            throw bad(key, "must be <= " + max + ", got " + value);
        }
        return value;
    }

    /** Whether the property was given at all (so a default can differ from an explicit value). */
    public boolean has(String key) {
        return options.properties().containsKey(key);
    }

    /** A finite number; {@code fallback} when the property is not given. */
    public float number(String key, float fallback) {
        return numbers(key, new float[] {fallback}, 1)[0];
    }

    /** A finite number in {@code [min, max]}. */
    public float number(String key, float fallback, float min, float max) {
        float value = number(key, fallback);
        if (value < min || value > max) {
            throw bad(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Like {@link #numbers}, each number also above 0 (a standard deviation divides). */
    public float[] positiveNumbers(String key, float[] fallback, int count) {
        float[] values = numbers(key, fallback, count);
        for (float value : values) {
            if (!(value > 0)) {
                throw bad(key, "must be > 0, got '" + options.properties().get(key) + "'");
            }
        }
        return values;
    }

    /**
     * A comma-separated list of {@code count} finite numbers (one number is repeated {@code count} times);
     * NaN and infinities are refused, since they would only ever turn every input into NaN.
     */
    public float[] numbers(String key, float[] fallback, int count) {
        String value = options.properties().get(key);
        if (value == null) {
            return fallback;
        }
        String[] parts = value.split(",");
        if (parts.length != 1 && parts.length != count) {
            throw bad(key, "needs 1 or " + count + " comma-separated numbers, got '" + value + "'");
        }
        float[] parsed = new float[count];
        for (int i = 0; i < count; i++) {
            try {
                parsed[i] = Float.parseFloat(parts[parts.length == 1 ? 0 : i].trim());
            } catch (NumberFormatException e) {
                throw bad(key, "must be numbers, got '" + value + "'");
            }
            if (!Float.isFinite(parsed[i])) {
                throw bad(key, "must be finite numbers, got '" + value + "'");
            }
        }
        return parsed;
    }

    /** The value, trimmed, or {@code fallback}. */
    public String string(String key, String fallback) {
        return options.properties().getOrDefault(key, fallback).trim();
    }

    private TaskPropertyException bad(String key, String what) {
        return new TaskPropertyException("Task '" + task + "': property '" + key + "' " + what);
    }
}
