package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Using it as a library" section works as written: its Java file compiles with javac and
 * trains, the artifacts it lists are this build's modules, and its install command names real modules.
 * fpt-cli's tests have every module on the class path, as a library user with those dependencies does.
 */
class ReadmeLibraryTest {
    private static final Path ROOT = Path.of("..");
    private static final String SECTION = "## Using it as a library";

    @TempDir
    Path work;

    @Test
    void theJavaFileCompilesAndTrains() throws Exception {
        String source = block("java");
        Matcher publicClass = Pattern.compile("public (?:final )?class (\\w+)").matcher(source);
        assertThat(publicClass.find()).as("a public class in the README's java block").isTrue();
        String name = publicClass.group(1);
        Path file = Files.writeString(Files.createDirectory(work.resolve("src")).resolve(name + ".java"), source);
        Path classes = Files.createDirectory(work.resolve("classes"));
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), file.toString());
        assertThat(javac).as("javac exit code for the README's " + name + ".java").isZero();

        String printed;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            printed = stdoutOf(() -> main.invoke(null, (Object) new String[0]));
        }
        Matcher summary = Pattern.compile("test accuracy (\\d\\.\\d{3}), trained (\\d+) of (\\d+) parameters").matcher(printed);
        assertThat(summary.find()).as("the snippet's summary line in: " + printed).isTrue();
        assertThat(Long.parseLong(summary.group(2))).isPositive().isEqualTo(Long.parseLong(summary.group(3))); // policy full
    }

    @Test
    void theListedArtifactsAndTheInstallCommandNameModulesOfThisBuild() throws IOException {
        List<String> artifacts = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(block("xml")).results()
                .map(m -> m.group(1)).toList();
        assertThat(artifacts).contains("fpt-core", "fpt-backend-cpu", "fpt-tasks-builtin", "fpt-bodies-bert");
        List<String> moduleArtifacts;
        try (Stream<Path> poms = Files.walk(ROOT, 3)) {
            moduleArtifacts = poms.filter(p -> p.getFileName().toString().equals("pom.xml")).map(ReadmeLibraryTest::artifactId).toList();
        }
        assertThat(moduleArtifacts).containsAll(artifacts);

        Matcher install = Pattern.compile("mvn install -DskipTests -pl (\\S+) -am").matcher(block("bash"));
        assertThat(install.find()).as("the install command in the README's library section").isTrue();
        for (String module : install.group(1).split(",")) {
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as("module " + module).isRegularFile();
        }
    }

    /** The first fenced block of {@code language} in the README's library section. */
    private static String block(String language) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf(SECTION);
        assertThat(section).as(SECTION + " in README.md").isNotNegative();
        int next = readme.indexOf("\n## ", section + SECTION.length());
        String text = readme.substring(section, next < 0 ? readme.length() : next);
        Matcher fence = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(fence.find()).as("a ```" + language + " block in " + SECTION).isTrue();
        return fence.group(1);
    }

    /** The project's own artifactId: the first one after the parent element. */
    private static String artifactId(Path pom) {
        try {
            String xml = Files.readString(pom).replaceFirst("(?s)<parent>.*?</parent>", "");
            Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(xml);
            return id.find() ? id.group(1) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static synchronized String stdoutOf(Action action) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            action.run();
        } finally {
            System.setOut(old);
        }
        return out.toString();
    }
}
