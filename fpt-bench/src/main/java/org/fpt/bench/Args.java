package org.fpt.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of a bench command; unknown names are an error listing the known ones. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, int from, Set<String> known) {
        for (int i = from; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException("Unknown option '" + name + "'. Known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    Double getDouble(String name) {
        String value = values.get(name);
        try {
            return value == null ? null : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }
}
