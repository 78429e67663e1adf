package org.fpt.plugin;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.fpt.spi.Named;

/**
 * Plugins of one kind, keyed by name, filled by {@link ServiceLoader}. Loud by design: two plugins with
 * one name is an error naming both classes and jars, and an unknown name lists the known ones.
 */
public final class PluginRegistry<T extends Named> {
    private final String kind;
    private final Map<String, T> byName;

    private PluginRegistry(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Loads every {@code type} visible to {@code loader}; {@code kind} is the word errors use ("task"). */
    public static <T extends Named> PluginRegistry<T> load(String kind, Class<T> type, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return of(kind, found);
    }

    /** Builds a registry from plugins already at hand; the same duplicate rule applies. */
    public static <T extends Named> PluginRegistry<T> of(String kind, List<T> plugins) {
        Map<String, T> byName = new TreeMap<>();
        for (T plugin : plugins) {
            T previous = byName.putIfAbsent(plugin.name(), plugin);
            if (previous != null) {
                throw new PluginException(String.format(
                        "Duplicate %s '%s': %s (%s) and %s (%s)", kind, plugin.name(),
                        previous.getClass().getName(), origin(previous), plugin.getClass().getName(), origin(plugin)));
            }
        }
        return new PluginRegistry<>(kind, new LinkedHashMap<>(byName));
    }

    public T get(String name) {
        T plugin = byName.get(name);
        if (plugin == null) {
            throw new PluginException(String.format("No %s '%s'. Available: %s", kind, name, String.join(", ", names())));
        }
        return plugin;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<T> all() {
        return List.copyOf(byName.values());
    }

    public String kind() {
        return kind;
    }

    /** The jar (or class directory) a plugin's class was loaded from, for listings and errors. */
    public static String origin(Object plugin) {
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return "unknown location";
        }
        String path = location.getPath().replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
