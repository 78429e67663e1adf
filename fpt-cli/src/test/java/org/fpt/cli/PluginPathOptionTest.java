package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin-path} as users meet it: a broken plugin jar is one line naming the jar and the class (the
 * stack trace only with {@code --verbose}), a path that is not there is a bad option (exit 2), and a
 * {@code --config} file's {@code plugin-path} is used like the command line's (a config file is trusted as
 * the command line is: docs/workflow.md says so).
 */
class PluginPathOptionTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenPluginJarIsOneLineNamingTheJarAndTheClass() throws IOException {
        Path jar = brokenJar();
        CliRunner.Result result = CliRunner.run("plugins", "--plugin-path", jar.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("fpt: Plugin jar " + jar + ": META-INF/services/org.fpt.spi.TaskFactory lists acme.MissingTask, "
                + "a class that is in no jar on the class path or plugin path" + System.lineSeparator());

        CliRunner.Result verbose = CliRunner.run("plugins", "--plugin-path", jar.toString(), "--verbose");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).startsWith(result.err()).contains("\tat org.fpt.plugin.");
    }

    @Test
    void aPluginPathThatIsNotThereIsABadOption() {
        String missing = dir.resolve("no-such-plugins").toString();
        for (String[] args : new String[][] {{"plugins", "--plugin-path", missing}, {"--plugin-path", missing, "bodies"}}) {
            CliRunner.Result result = CliRunner.run(args);
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err()).startsWith("fpt: --plugin-path: Plugin path entry '" + missing
                    + "' is neither a directory nor a .jar file (it does not exist)" + System.lineSeparator()).doesNotContain("\tat ");
        }
    }

    @Test
    void aConfigFileMayNotLoadPluginJars() throws IOException {
        Path jar = brokenJar();
        Path loads = Files.writeString(dir.resolve("loads.yaml"), "task: bit-xor\nplugin-path: " + jar + "\n");
        CliRunner.Result refused = CliRunner.run("train", "--config", loads.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("fpt: Config " + loads + ": key 'plugin-path' is not allowed in a config file")
                .doesNotContain("\tat ");
    }

    /** A plugin jar whose services file names a class the jar does not have. */
    private Path brokenJar() throws IOException {
        Path jar = dir.resolve("acme-broken.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/org.fpt.spi.TaskFactory"));
            out.write("acme.MissingTask\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
