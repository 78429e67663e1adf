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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Using it as a library" section works as written: its Java file compiles with javac and
 * trains, the artifacts it lists are this build's modules, and its install command names real modules.
 * fpt-cli's tests have every module on the class path, as a library user with those dependencies does.
 */
class ReadmeLibraryTest {
    private static final String SECTION = "## Using it as a library";

    @TempDir
    Path work;

    @Test
    void theJavaFileCompilesAndTrains() throws Exception {
        String source = only(JavaSnippets.blocks(JavaSnippets.section("README.md", SECTION), "java"));
        Path classes = JavaSnippets.compile(work, List.of(source), System.getProperty("java.class.path"));
        String printed;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(JavaSnippets.qualifiedName(source)).getMethod("main", String[].class);
            printed = stdoutOf(() -> main.invoke(null, (Object) new String[0]));
        }
        Matcher summary = Pattern.compile("test accuracy (\\d\\.\\d{3}), trained (\\d+) of (\\d+) parameters").matcher(printed);
        assertThat(summary.find()).as("the snippet's summary line in: " + printed).isTrue();
        assertThat(Long.parseLong(summary.group(2))).isPositive().isEqualTo(Long.parseLong(summary.group(3))); // policy full
    }

    @Test
    void theListedArtifactsAndTheInstallCommandNameModulesOfThisBuild() throws IOException {
        String section = JavaSnippets.section("README.md", SECTION);
        List<String> artifacts = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(only(JavaSnippets.blocks(section, "xml")))
                .results().map(m -> m.group(1)).toList();
        assertThat(artifacts).contains("fpt-core", "fpt-backend-cpu", "fpt-tasks-builtin", "fpt-bodies-bert");
        List<String> moduleArtifacts;
        try (Stream<Path> poms = Files.walk(JavaSnippets.ROOT, 3)) {
            moduleArtifacts = poms.filter(p -> p.getFileName().toString().equals("pom.xml")).map(ReadmeLibraryTest::artifactId).toList();
        }
        assertThat(moduleArtifacts).containsAll(artifacts);

        Matcher install = Pattern.compile("mvn install -DskipTests -pl (\\S+) -am").matcher(only(JavaSnippets.blocks(section, "bash")));
        assertThat(install.find()).as("the install command in the README's library section").isTrue();
        for (String module : install.group(1).split(",")) {
            assertThat(JavaSnippets.ROOT.resolve(module).resolve("pom.xml")).as("module " + module).isRegularFile();
        }
    }

    private static String only(List<String> blocks) {
        assertThat(blocks).as("blocks in " + SECTION).hasSize(1);
        return blocks.get(0);
    }

    /** The project's own artifactId: the first one outside the parent element. */
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

    private static String stdoutOf(Action action) throws Exception {
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
