package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void unknownTaskIsOneClearLineAndExit2() {
        assertThat(Main.run("train", "--task", "nope")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("fpt: No task 'nope'. Available: ").contains("bit-memory, bit-xor").doesNotContain("\tat ");
    }

    @Test
    void badOptionValueIsAUsageError() {
        assertThat(Main.run("train", "--task", "bit-xor", "--steps", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("'many' is not an int").doesNotContain("\tat ");
    }

    @Test
    void anUnknownTaskPropertyIsAUsageErrorListingTheKnownOnes() {
        assertThat(Main.run("train", "--task", "bit-xor", "--steps", "1", "-P", "test-sise=10")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("fpt: Task 'bit-xor' has no property 'test-sise'. Known: bits, test-size");
    }

    @Test
    void verboseShowsTheStackTrace() {
        assertThat(Main.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--data-dir", "/no/such/dir", "-P", "nope=1",
                "--verbose")).isEqualTo(2);
        assertThat(err.toString()).contains("\tat org.fpt");
    }

    @Test
    void pluginPathIsReadAndAMissingEntryIsNamed() {
        assertThat(Main.run("plugins", "--plugin-path", "/no/such/plugins")).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/plugins").doesNotContain("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"train", "plugins", "bodies"}) {
            assertThat(Main.run(command, "--help")).isZero();
        }
        assertThat(out.toString()).contains("--summary-json", "--policy", "--init");
    }

    @Test
    void pluginsListsEveryKindWithItsJar() {
        assertThat(Main.run("plugins")).isZero();
        assertThat(out.toString()).contains("Tasks", "bit-xor", "Adapters", "linear", "Policies", "fpt", "Backends", "cpu", "Bodies", "gpt2");
        // Each plugin's entry ends with where it came from: its jar, or the class directory in a build.
        assertThat(PluginListing.of(out.toString()).origin("bit-xor")).matches("\\S*(fpt-tasks-builtin\\S*\\.jar|classes)");
    }

    @Test
    void trainWritesTheSummaryJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("summary.json");
        int code = Main.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--policy", "full",
                "--steps", "20", "--batch-size", "8", "--summary-json", json.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonObject summary = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(summary.keySet()).contains("task", "body", "policy", "steps", "test_accuracy", "trainable_params", "total_params", "seconds", "init");
        assertThat(summary.get("task").getAsString()).isEqualTo("bit-xor");
        assertThat(summary.get("steps").getAsInt()).isEqualTo(20);
        assertThat(summary.get("trainable_params").getAsLong()).isEqualTo(summary.get("total_params").getAsLong());
        assertThat(out.toString()).contains("test accuracy", "trainable params");
    }
}
