package org.fpt.plugin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy as users write it: a name with optional options, {@code lora:r=8,alpha=16}. One string names a
 * whole configuration, so it fits a CLI flag, an experiment grid and a summary's {@code policy} field alike.
 */
public record PolicySpec(String name, Map<String, String> options) {
    public PolicySpec {
        options = Map.copyOf(options);
    }

    public static PolicySpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new PolicySpec(spec.trim(), Map.of());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : spec.substring(colon + 1).split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("Policy spec '" + spec + "': expected name:key=value,key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim();
            if (options.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("Policy spec '" + spec + "' sets option '" + key + "' twice");
            }
        }
        return new PolicySpec(spec.substring(0, colon).trim(), options);
    }
}
