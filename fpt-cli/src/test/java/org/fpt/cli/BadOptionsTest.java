package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exit 2 and one line naming the option for every bad option, before anything is read or trained; exit 1
 * for a run that fails, such as one that diverges.
 */
class BadOptionsTest {
    private static final String[] TINY = {"train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "-P", "test-size=8"};
    private static final String[] TASK_ONLY = {"train", "--task", "bit-xor", "-P", "test-size=8"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--lr|Infinity|--lr",
            "--lr|NaN|--lr",
            "--lr|0|--lr",
            "--lr|-1e-3|--lr",
            "--steps|0|--steps",
            "--steps|-5|--steps",
            "--steps|2147483647|--steps",
            "--batch-size|0|--batch-size",
            "--batch-size|2000000000|--batch-size",
            "--eval-every|0|--eval-every",
            "--micro-batch-size|0|--micro-batch-size",
            "--micro-batch-size|33|--micro-batch-size must be between 1 and --batch-size (32), got 33",
            "--eval-batch-size|0|--eval-batch-size must be between 1 and",
            "--checkpoint-every|0|--checkpoint-every",
            "--positions|0|--positions",
            "--positions|70000|--positions",
            "--init|bogus|--init",
            "--readout|sideways|readout",
            "--policy|nope|No policy 'nope'",
            "--body|nope|No body 'nope'",
            "--backend|nope|No backend 'nope'"})
    void trainRefusesABadOptionWithExit2(String option, String value, String named) {
        CliRunner.Result result = CliRunner.run(with(option.equals("--init") || option.equals("--body") ? TASK_ONLY : TINY, option, value));
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.err().lines().findFirst().orElse("")).startsWith("fpt: ").contains(named);
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void anUnknownTaskIsABadOption() {
        CliRunner.Result result = CliRunner.run("train", "--task", "nope");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("fpt: No task 'nope'. Available: ")
                .contains(" (no plugin path is set: --plugin-path or FPT_PLUGIN_PATH adds plugins)");
    }

    @Test
    void withAPluginPathAnUnknownTaskIsNotBlamedOnAMissingOne(@TempDir Path plugins) {
        CliRunner.Result result = CliRunner.run("train", "--task", "nope", "--plugin-path", plugins.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("fpt: No task 'nope'. Available: ").doesNotContain("no plugin path");
    }

    @Test
    void aMissingPluginPathEntryIsABadOption() {
        CliRunner.Result result = CliRunner.run("plugins", "--plugin-path", "/no/such/plugins");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("fpt: ").contains("/no/such/plugins").doesNotContain("\tat ");
    }

    @Test
    void aBadSplitIsABadOption() {
        CliRunner.Result result = CliRunner.run("eval", "--checkpoint", dir.resolve("none.safetensors").toString(), "--split", "sideways");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("fpt: --split");
    }

    @Test
    void aRunThatDivergesExitsWith1SayingAtWhichStep() {
        CliRunner.Result result = CliRunner.run(with(TINY, "--lr", "1e30", "--steps", "6", "--batch-size", "4"));
        assertThat(result.code()).as(result.out()).isEqualTo(1);
        assertThat(result.err()).containsPattern("(?m)^fpt: The run diverged at step \\d+: ");
        assertThat(result.out()).doesNotContain("test accuracy");
    }

    @Test
    void anExperimentSpecWithAbsurdNumbersIsRefusedUpFrontNamingTheKey() throws Exception {
        for (String[] bad : new String[][] {{"lr: 0", "lr"}, {"lr: -1.0e-3", "lr"}, {"steps: 2147483648", "'steps'"},
                {"batch_size: 2147483648", "'batch_size'"}, {"seeds: [12345678901234567890]", "'seeds'"},
                {"seeds: [1.0e20]", "'seeds'"}}) {
            Path spec = Files.writeString(dir.resolve("spec.yaml"), "tasks: [bit-xor]\nbodies: [gpt2-tiny]\ninits: [random]\n" + bad[0] + "\n");
            CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", dir.resolve("out").toString());
            assertThat(result.code()).as(bad[0]).isEqualTo(2);
            assertThat(result.err()).as(bad[0]).startsWith("fpt: Experiment " + spec + ": ").contains(bad[1] + " must ");
            assertThat(dir.resolve("out")).as(bad[0]).doesNotExist();
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
