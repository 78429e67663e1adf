package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fpt.train.Checkpoint;
import org.fpt.train.Checkpointing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint is data. One written by the previous checkpoint writer (commit b93c3ea) still evaluates and
 * resumes; nothing stored in one decides where the program reads task data or writes (today's main
 * generated ListOps files into a {@code data_dir} named in the checkpoint); predict input is checked.
 */
class CheckpointDataTest {
    private static final String[] RUN = {"train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--policy", "output+ln",
            "--eval-every", "2", "-P", "test-size=50"};

    @TempDir
    Path dir;

    private Path compat() throws Exception {
        Path file = dir.resolve("runs/checkpoint-00000002.safetensors");
        Files.createDirectories(file.getParent());
        Files.copy(Path.of(getClass().getResource("/compat/checkpoint-00000002.safetensors").toURI()), file);
        return file;
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aCheckpointOfThePreviousFormatEvaluatesAndResumes() throws Exception {
        Path old = compat();
        CliRunner.Result eval = CliRunner.run("eval", "--checkpoint", old.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("split       test (50 examples)");

        CliRunner.Result resumed = CliRunner.run(with(RUN, "--steps", "4", "--checkpoint-dir", old.getParent().toString(), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        Path latest = Checkpointing.latest(old.getParent()).orElseThrow();
        assertThat(latest.getFileName().toString()).isEqualTo("checkpoint-00000004.safetensors");
        assertThat(Checkpoint.read(latest).history()).extracting(s -> s.step()).containsExactly(2, 4);
    }

    @Test
    void evalNeverActsOnPathsOrWriteSettingsStoredInTheCheckpoint() throws Exception {
        Checkpoint honest = Checkpoint.read(compat());
        Path theirs = dir.resolve("their-data");
        JsonObject run = honest.run().deepCopy();
        run.addProperty("task", "listops");
        run.addProperty("data_dir", theirs.toString());
        JsonObject properties = new JsonObject();
        Map.of("generate", "true", "train-size", "5", "val-size", "2", "test-size", "2", "max-length", "50").forEach(properties::addProperty);
        run.add("task_properties", properties);
        Path evil = dir.resolve("evil.safetensors");
        new Checkpoint(run, honest.body(), honest.step(), honest.optimizerSteps(), honest.history(), honest.tensors()).write(evil);

        CliRunner.Result noDataDir = CliRunner.run("eval", "--checkpoint", evil.toString());
        assertThat(noDataDir.code()).isEqualTo(1);
        assertThat(noDataDir.err().strip()).isEqualTo("fpt: Task 'listops' reads files: pass --data-dir DIR");
        assertThat(theirs).doesNotExist();

        Path mine = Files.createDirectories(dir.resolve("my-data"));
        CliRunner.Result readOnly = CliRunner.run("eval", "--checkpoint", evil.toString(), "--data-dir", mine.toString());
        assertThat(readOnly.code()).isEqualTo(1);
        assertThat(readOnly.err()).contains("generating them is off here");
        assertThat(mine).isEmptyDirectory();
        assertThat(theirs).doesNotExist();
    }

    @Test
    void predictInputMustBeFiniteNumbers() throws Exception {
        Path old = compat();
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"values\": [[NaN, 0, 1, 0, 1], [1, 1, 0, 0, 0]]}\n");
        CliRunner.Result nan = CliRunner.run("predict", "--checkpoint", old.toString(), "--input", input.toString());
        assertThat(nan.code()).isEqualTo(1);
        assertThat(nan.err().lines()).singleElement().asString().startsWith("fpt: " + input + " line 1: is not valid JSON");
        Files.writeString(input, "{\"values\": [[1e400, 0, 1, 0, 1]]}\n");
        CliRunner.Result huge = CliRunner.run("predict", "--checkpoint", old.toString(), "--input", input.toString());
        assertThat(huge.err().strip()).isEqualTo("fpt: " + input + " line 1: value at token 0, position 0 does not fit a float (1e400)");
    }

    @Test
    void aNativeLibraryThatCannotBeExtractedIsOneLine() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("djl-cache"), "a file where DJL wants a directory");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--steps", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("DJL_CACHE_DIR", notADirectory.toString());
        builder.environment().remove("MXNET_LIBRARY_PATH");
        Process process = builder.start();
        assertThat(process.waitFor()).isEqualTo(1);
        List<String> err = Files.readAllLines(dir.resolve("err.txt")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(err).as(String.join("\n", err)).singleElement().asString().startsWith("fpt: Backend '")
                .contains("' cannot load its engine ("); // which one: the default measured on this machine
    }
}
