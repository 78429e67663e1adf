package org.fpt.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.fpt.spi.Named;

/**
 * Real plugin jars for discovery tests, built the way a plugin author builds one: javac on the sources with
 * fpt-spi as the only library, then a jar holding the classes and the {@code META-INF/services} files.
 */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * Writes {@code jar}.
     *
     * @param sources  a class's fully qualified name to its source text (may be empty: a jar of services files only)
     * @param services an extension point to the text of its services file (one class name a line)
     */
    static Path build(Path jar, Map<String, String> sources, Map<Class<? extends Named>, String> services) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "build");
        Path classes = Files.createDirectory(work.resolve("classes"));
        if (!sources.isEmpty()) {
            compile(work.resolve("src"), classes, sources);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path classFile : walk.filter(Files::isRegularFile).sorted().toList()) {
                    put(out, classes.relativize(classFile).toString().replace('\\', '/'), Files.readAllBytes(classFile));
                }
            }
            for (Map.Entry<Class<? extends Named>, String> servicesFile : services.entrySet()) {
                put(out, "META-INF/services/" + servicesFile.getKey().getName(), servicesFile.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void compile(Path sourceRoot, Path classes, Map<String, String> sources) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath", fptSpi().toString(), "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            args.add(Files.writeString(file, source.getValue()).toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** fpt-spi's jar or class directory: the one library a plugin compiles against. */
    private static Path fptSpi() {
        try {
            return Path.of(Named.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
