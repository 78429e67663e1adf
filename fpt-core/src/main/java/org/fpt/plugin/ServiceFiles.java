package org.fpt.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The {@code META-INF/services} files of one extension point, read and checked before {@link java.util.ServiceLoader}
 * creates anything. ServiceLoader's own errors are a stack trace that names no jar, and when two jars (two
 * versions of one plugin) list the same class it silently keeps the first. Here every such mistake is one
 * line naming the jar and the class.
 */
final class ServiceFiles {
    private final Class<?> type;
    private final ClassLoader loader;
    /** Each provider class named by any services file, with every jar (or class directory) whose file names it. */
    private final Map<String, List<String>> providers = new LinkedHashMap<>();

    private ServiceFiles(Class<?> type, ClassLoader loader) {
        this.type = type;
        this.loader = loader;
    }

    /**
     * Reads every services file for {@code type} visible to {@code loader} and checks each class it names
     * exists, implements {@code type} and can be created as ServiceLoader creates it.
     *
     * @throws PluginException naming the jar and the class, for the first entry that is wrong
     */
    static void check(Class<?> type, ClassLoader loader) {
        ServiceFiles files = new ServiceFiles(type, loader);
        files.read();
        files.providers.forEach(files::checkProvider);
    }

    private String resource() {
        return "META-INF/services/" + type.getName();
    }

    private void read() {
        Set<URL> seen = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(resource()))) {
                if (seen.add(url)) {
                    readOne(url);
                }
            }
        } catch (IOException e) {
            throw new PluginException("Cannot list " + resource() + " on the class path and plugin path: " + e.getMessage(), e);
        }
    }

    private void readOne(URL url) {
        String jar = jarOf(url);
        URLConnection connection;
        List<String> lines;
        try {
            connection = url.openConnection();
            connection.setUseCaches(false); // a cached JarFile would outlive a plugin jar replaced on disk
            try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                lines = in.lines().toList();
            }
        } catch (IOException e) {
            throw new PluginException("Cannot read " + resource() + " in " + jar + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!isClassName(name)) {
                throw new PluginException(String.format("Plugin jar %s: %s lists '%s', which is not a class name", jar, resource(), name));
            }
            List<String> jars = providers.computeIfAbsent(name, k -> new ArrayList<>());
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
    }

    private void checkProvider(String name, List<String> jars) {
        if (jars.size() > 1 && !sameClassEverywhere(name, jars)) {
            throw new PluginException(String.format(
                    "Plugin class %s is in two jars: %s and %s (two versions of one plugin?); keep one of them on the plugin path",
                    name, jars.get(0), jars.get(1)));
        }
        String where = String.format("Plugin jar %s: %s lists %s", jars.get(0), resource(), name);
        Class<?> provider;
        try {
            provider = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new PluginException(where + ", a class that is in no jar on the class path or plugin path", e);
        } catch (LinkageError e) {
            throw new PluginException(where + ", which cannot be loaded: " + e, e);
        }
        if (!type.isAssignableFrom(provider)) {
            throw new PluginException(where + ", which does not implement " + type.getName());
        }
        if (provider.isInterface() || Modifier.isAbstract(provider.getModifiers())) {
            throw new PluginException(where + ", which is abstract");
        }
        if (!Modifier.isPublic(provider.getModifiers()) || !hasPublicNoArgumentConstructor(provider)) {
            throw new PluginException(where + ", which is not a public class with a public no-argument constructor");
        }
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> provider) {
        try {
            provider.getConstructor();
            return true;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /** A dotted name of Java identifiers, as ServiceLoader requires. */
    private static boolean isClassName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))
                    || !part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    /** The jar (or class directory) a services file's URL points into, as a path the user can find. */
    static String jarOf(URL url) {
        String text = url.toString();
        try {
            if (text.startsWith("jar:") && text.contains("!/")) {
                return Path.of(new URI(text.substring("jar:".length(), text.indexOf("!/")))).toString();
            }
            if (text.startsWith("file:")) {
                Path file = Path.of(url.toURI());
                return file.getParent().getParent().getParent().toString(); // strip META-INF/services/<type>
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return text;
        }
        return text;
    }

    /**
     * Whether every location holds the same bytes for {@code name}'s class file: copies of one build (a module's
     * jar in a build directory and in a lib folder) are one plugin, not two versions of it.
     */
    private static boolean sameClassEverywhere(String name, List<String> locations) {
        String entry = name.replace('.', '/') + ".class";
        byte[] first = null;
        for (String location : locations) {
            byte[] bytes = classBytes(Path.of(location), entry);
            if (bytes == null || (first != null && !Arrays.equals(first, bytes))) {
                return false;
            }
            first = bytes;
        }
        return true;
    }

    private static byte[] classBytes(Path location, String entry) {
        try {
            if (Files.isDirectory(location)) {
                Path file = location.resolve(entry);
                return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                JarEntry found = jar.getJarEntry(entry);
                if (found == null) {
                    return null;
                }
                try (InputStream in = jar.getInputStream(found)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: treated as different, so the two-jar error names both
        }
    }
}
