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
        return integer(key, fallback, min, Integer.MAX_VALUE);
    }

    int integer(String key, int fallback, int min, int max) {
        int value;
        try {
            value = options.intProperty(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be an integer in " + min + ".." + max
                    + ", got '" + options.properties().get(key) + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("Task '" + task + "': property '" + key + "' must be " + (max == Integer.MAX_VALUE
                    ? ">= " + min : "in " + min + ".." + max) + ", got " + value);
        }
        return value;
    }

    /**
     * Refuses, in one line naming the properties ({@code what}, e.g. "test-size 1000 x 2 tokens x bits 5"), a
     * set of examples whose floats would overflow an array or take more than a quarter of the heap.
     */
    void requireFloats(String what, long... factors) {
        long limit = Math.min(DataFiles.MAX_ARRAY, Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);
        java.math.BigInteger product = java.math.BigInteger.ONE;
        for (long f : factors) {
            product = product.multiply(java.math.BigInteger.valueOf(f));
        }
        if (product.compareTo(java.math.BigInteger.valueOf(limit)) > 0) {
            throw new IllegalArgumentException("Task '" + task + "': " + what + " = " + product + " values; at most " + limit
                    + " fit (one array, a quarter of this JVM's " + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap): use smaller properties");
        }
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

    float number(String key, float fallback) {
        return numbers(key, new float[] {fallback}, 1)[0];
    }

    /** A comma-separated list of {@code count} numbers (one number is repeated {@code count} times). */
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
        }
        return parsed;
    }

    String string(String key, String fallback) {
        return options.properties().getOrDefault(key, fallback).trim();
    }
}
