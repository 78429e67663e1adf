package org.fpt.plugin;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
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

    /**
     * Loads every {@code type} visible to {@code loader}; {@code kind} is the word errors use ("task"). The
     * services files are checked first ({@link ServiceFiles}), so a mistake in one is a one-line error naming
     * the jar and the class, never ServiceLoader's stack trace.
     */
    public static <T extends Named> PluginRegistry<T> load(String kind, Class<T> type, ClassLoader loader) {
        ServiceFiles.check(type, loader);
        List<T> found = new ArrayList<>();
        for (ServiceLoader.Provider<T> provider : ServiceLoader.load(type, loader).stream().toList()) {
            found.add(create(provider));
        }
        return of(kind, found);
    }

    /** A provider's constructor may still throw: that is the plugin's failure, named with its class and jar. */
    private static <T> T create(ServiceLoader.Provider<T> provider) {
        try {
            return provider.get();
        } catch (ServiceConfigurationError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PluginException(String.format("Plugin class %s (in %s) could not be created: %s",
                    provider.type().getName(), location(provider.type()), cause), e);
        }
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

    /** The file name of the jar (or class directory) a plugin's class was loaded from, for listings and errors. */
    public static String origin(Object plugin) {
        String path = location(plugin.getClass()).replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The whole path of the jar (or class directory) {@code type} was loaded from: where to look for it. */
    static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null) {
            return "unknown location";
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return url.getPath();
        }
    }
}
