package org.fpt.plugin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where plugin jars come from: a path list like a class path ({@code dir1:dir2/x.jar}, the form of
 * {@code --plugin-path} and {@code FPT_PLUGIN_PATH}). A directory contributes every {@code *.jar} directly
 * in it (sorted by name, so the order is stable); a jar contributes itself. The resulting class loader is
 * a child of the host's, so plugins see the SPI and {@link Plugins#load(ClassLoader)} finds their
 * {@code META-INF/services} entries next to the built-in ones (a duplicate name is still an error).
 */
public final class PluginPath {
    /** The environment variable the CLI reads when no {@code --plugin-path} is given. */
    public static final String ENVIRONMENT = "FPT_PLUGIN_PATH";

    private PluginPath() {
    }

    /** Every jar named by {@code pathList}; an entry that does not exist or is not a jar is an error naming it. */
    public static List<Path> jars(String pathList) {
        List<Path> jars = new ArrayList<>();
        for (String entry : pathList.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.trim());
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list plugin directory " + path, e);
                }
            } else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
                jars.add(path);
            } else {
                throw new PluginException("Plugin path entry '" + entry + "' is neither a directory nor a .jar file"
                        + (Files.exists(path) ? "" : " (it does not exist)"));
            }
        }
        return jars;
    }

    /** A class loader over every jar of {@code pathList}, with {@code parent} (the host's loader) first. */
    public static ClassLoader classLoader(String pathList, ClassLoader parent) {
        List<Path> jars = jars(pathList);
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("Plugin jar " + jars.get(i) + " has no URL form: " + e.getMessage());
            }
        }
        return new URLClassLoader("fpt-plugins", urls, parent);
    }

    /** The loader for {@link #ENVIRONMENT}, or {@code parent} itself when it is unset or empty. */
    public static ClassLoader fromEnvironment(ClassLoader parent) {
        String value = System.getenv(ENVIRONMENT);
        return value == null || value.isBlank() ? parent : classLoader(value, parent);
    }
}
