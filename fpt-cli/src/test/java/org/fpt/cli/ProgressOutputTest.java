package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where stderr is not a terminal (here: captured, as in a file or pipe) progress is plain lines, never {@code \r} frames. */
class ProgressOutputTest {
    @Test
    void aRunWritesOnePlainLinePerEvaluationAndNoCarriageReturns() {
        CliRunner.Result result = CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--steps", "4",
                "--batch-size", "4", "--eval-every", "2", "-P", "test-size=8");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("\r");
        assertThat(result.err().lines().filter(l -> l.startsWith("bit-xor: step "))).hasSize(2)
                .allSatisfy(l -> assertThat(l).matches("bit-xor: step [24]/4, train loss \\d\\.\\d{4}, test loss \\d\\.\\d{4} acc \\d\\.\\d{4}, \\d+ s"));
    }

    @Test
    void anErrorAfterProgressStartsOnALineOfItsOwn() {
        CliRunner.Result result = CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--steps", "6",
                "--batch-size", "4", "--lr", "1e30", "-P", "test-size=8");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("\r").containsPattern("(?m)^fpt: The run diverged at step \\d+");
    }
}
