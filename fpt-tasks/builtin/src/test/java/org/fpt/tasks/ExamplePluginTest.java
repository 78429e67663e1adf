package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.PluginPath;
import org.fpt.plugin.PluginRegistry;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outside plugin in {@code fpt-tasks/examples/parity} is compiled here against fpt-spi alone (as its
 * own pom does), packed into a jar in a plugin directory, and found through {@link PluginPath} and
 * ServiceLoader as the host finds plugins. No network and no Maven call: it runs in {@code mvn verify}.
 */
class ExamplePluginTest {
    static final Path EXAMPLE = Path.of("..", "examples", "parity");

    @TempDir
    Path work;

    @Test
    void anOutsidePluginJarIsFoundAndTrains() throws IOException {
        Path pluginDir = Files.createDirectory(work.resolve("plugins"));
        Path jar = buildExampleJar(pluginDir.resolve("fpt-example-parity-0.1.0.jar"));

        // not visible to the host alone
        assertThat(TaskTrainingTest.PLUGINS.tasks().contains("parity")).isFalse();

        ClassLoader loader = PluginPath.classLoader(pluginDir.toString(), getClass().getClassLoader());
        Plugins plugins = Plugins.load(loader);
        assertThat(plugins.tasks().names()).contains("parity", "mnist", "listops", "bit-xor");
        TaskFactory parity = plugins.tasks().get("parity");
        assertThat(PluginRegistry.origin(parity)).isEqualTo(jar.getFileName().toString());

        assertThatThrownBy(() -> parity.create(TestFiles.options(work, Map.of("max-lenght", "8"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'parity' has no property 'max-lenght'. Known: max-length, test-size");
        assertThatThrownBy(() -> parity.checkProperties(TestFiles.options(work, Map.of("max-lenght", "8"))))
                .as("a grid's check before any run finds it too").hasMessage("Task 'parity' has no property 'max-lenght'. Known: max-length, test-size");
        Task task = parity.create(TestFiles.options(work, Map.of("max-length", "8", "test-size", "10")));
        assertThat(task.inputAdapter()).isEqualTo("embedding");
        TrainingResult result = TaskTrainingTest.train(task, 3);
        assertThat(result.test().examples()).isEqualTo(10);
        assertThat(result.test().split()).isEqualTo(Split.TEST);
    }

    @Test
    void pathListsTakeDirectoriesAndJarsAndNameBadEntries() throws IOException {
        Path a = Files.createDirectory(work.resolve("a"));
        Path b = Files.createDirectory(work.resolve("b"));
        Files.write(a.resolve("z.jar"), new byte[0]);
        Files.write(a.resolve("m.jar"), new byte[0]);
        Files.write(a.resolve("notes.txt"), new byte[0]);
        Path single = Files.write(b.resolve("single.jar"), new byte[0]);
        String list = a + java.io.File.pathSeparator + single;
        assertThat(PluginPath.jars(list)).containsExactly(a.resolve("m.jar"), a.resolve("z.jar"), single);
        assertThat(PluginPath.classLoader(work.resolve("b") + java.io.File.pathSeparator, getClass().getClassLoader()))
                .isNotSameAs(getClass().getClassLoader());
        Path empty = Files.createDirectory(work.resolve("empty"));
        assertThat(PluginPath.classLoader(empty.toString(), getClass().getClassLoader())).isSameAs(getClass().getClassLoader());
        assertThatThrownBy(() -> PluginPath.jars(work.resolve("missing").toString()))
                .isInstanceOf(PluginException.class).hasMessageContaining("missing").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PluginPath.jars(a.resolve("notes.txt").toString()))
                .isInstanceOf(PluginException.class).hasMessageContaining("notes.txt").hasMessageContaining("neither a directory nor a .jar");
    }

    /** javac on the example's sources with fpt-spi's classes as the only library, then a jar with its services file. */
    static Path buildExampleJar(Path jar) throws IOException {
        Path sources = EXAMPLE.resolve("src/main/java");
        Path resources = EXAMPLE.resolve("src/main/resources");
        Path classes = Files.createTempDirectory(jar.getParent().getParent(), "classes");
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertThat(files).as("example sources in " + sources.toAbsolutePath()).isNotEmpty();
        String fptSpi = Path.of(codeSource(TaskFactory.class)).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String[] args = Stream.concat(Stream.of("--release", "17", "-classpath", fptSpi, "-d", classes.toString()), files.stream())
                .toArray(String[]::new);
        assertThat(javac.run(null, null, null, args)).as("javac exit code").isZero();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            addTree(out, classes);
            addTree(out, resources);
        }
        return jar;
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static java.net.URI codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
