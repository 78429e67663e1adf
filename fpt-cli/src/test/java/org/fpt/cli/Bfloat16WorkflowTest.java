package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Percentage;
import org.fpt.hardware.CpuInfo;
import org.fpt.train.Checkpoint;
import org.fpt.train.RunDescriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --precision bf16} through the CLI, where the frozen float32 weights are freed after narrowing: a run that
 * exports its body keeps them and exports; a checkpointed run resumes and is evaluated from its checkpoint (both
 * need the body's identity, taken before the release). On the {@code pytorch} backend, which has a bfloat16 path
 * on any CPU (emulated without native bfloat16, so the model is tiny).
 */
class Bfloat16WorkflowTest {
    private static final String[] RUN = {"train", "--task", "bit-xor", "--policy", "fpt",
            "--batch-size", "4", "-P", "test-size=16", "--backend", "pytorch", "--precision", "bf16"};

    @Test
    void aBf16RunThatExportsItsBodyKeepsTheFloat32WeightsForIt(@TempDir Path dir) throws Exception {
        CliRunner.Result result = CliRunner.run(args("--body", "gpt2-tiny", "--init", "random", "--steps", "2", "--export-body", dir.resolve("body").toString()));

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("precision         bf16").contains("body exported to");
        assertThat(dir.resolve("body/model.safetensors")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("body/config.json"))).contains("\"model_type\": \"gpt2\"");
    }

    /**
     * The body comes from a directory, so its weights are the same on both engines (a random init is drawn by the
     * engine's generator, and its checkpoint is refused on another engine): where MXNet has bfloat16 kernels, it
     * evaluates the checkpoint {@code pytorch} trained.
     */
    @Test
    void aBf16RunResumesAndIsEvaluatedFromItsCheckpoint(@TempDir Path dir) {
        String body = dir.resolve("body").toString();
        CliRunner.Result exported = CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--steps", "1",
                "--batch-size", "2", "-P", "test-size=8", "--backend", "pytorch", "--export-body", body);
        assertThat(exported.code()).as(exported.err()).isZero();
        Path checkpoints = dir.resolve("run");
        CliRunner.Result first = CliRunner.run(args("--body", body, "--init", "pretrained", "--steps", "2", "--checkpoint-dir", checkpoints.toString()));
        assertThat(first.code()).as(first.err()).isZero();

        CliRunner.Result resumed = CliRunner.run(args("--body", body, "--init", "pretrained", "--steps", "4", "--checkpoint-dir", checkpoints.toString(), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(checkpoints.resolve("checkpoint-00000004.safetensors")).exists();

        CliRunner.Result eval = CliRunner.run("eval", "--checkpoint", checkpoints.resolve("checkpoint-00000004.safetensors").toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("accuracy");

        // on MXNet only where oneDNN has bfloat16 kernels; elsewhere one line saying what to do instead
        CliRunner.Result onMxnet = CliRunner.run("eval", "--checkpoint", checkpoints.resolve("checkpoint-00000004.safetensors").toString(),
                "--backend", "cpu");
        if (CpuInfo.local().oneDnnBfloat16()) {
            assertThat(onMxnet.code()).as(onMxnet.err()).isZero();
            // the same bfloat16 weights on another engine, whose kernels round and sum in their own order
            assertThat(loss(onMxnet.out())).as(onMxnet.out()).isCloseTo(loss(eval.out()), Percentage.withPercentage(1));
        } else {
            assertThat(onMxnet.code()).isNotZero();
            assertThat(onMxnet.err()).contains("The checkpoint was trained with --precision bf16, and backend 'cpu' has no bfloat16 path"
                    + " on this machine: pass --backend with one (fpt plugins lists them)");
        }
    }

    @Test
    void anAutoRunsCheckpointsRecordWhatAutoChose(@TempDir Path dir) throws Exception {
        Path checkpoints = dir.resolve("auto");
        CliRunner.Result result = CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--steps", "2",
                "--batch-size", "2", "-P", "test-size=8", "--backend", "pytorch", "--precision", "auto", "--checkpoint-dir", checkpoints.toString());
        assertThat(result.code()).as(result.err()).isZero();
        String chosen = CpuInfo.local().nativeBfloat16().available() ? "bf16" : "fp32";
        assertThat(Checkpoint.read(checkpoints.resolve("checkpoint-00000002.safetensors")).run().get(RunDescriptions.AUTO_PRECISION).getAsString())
                .isEqualTo(chosen);
    }

    private static double loss(String evalOutput) {
        return evalOutput.lines().filter(line -> line.startsWith("loss")).mapToDouble(line -> Double.parseDouble(line.substring(4).trim()))
                .findFirst().orElseThrow();
    }

    private static String[] args(String... more) {
        String[] all = new String[RUN.length + more.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(more, 0, all, RUN.length, more.length);
        return all;
    }
}
