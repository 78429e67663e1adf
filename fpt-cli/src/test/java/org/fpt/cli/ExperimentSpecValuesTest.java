package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.bodies.gpt2.Gpt2Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typo in an experiment spec's values is refused before any run starts, in one line naming the file, the key,
 * the value and the names on offer, with exit code 2 (docs/workflow.md). Before, {@code tasks: [bit-xor, bit-xro]}
 * trained run 1 of 2 and then failed with "No task 'bit-xro'", naming neither the file nor the key, and exit 1.
 */
class ExperimentSpecValuesTest {
    /** A grid of two tiny runs when its values are right: what each case below changes one value of. */
    private static final String GRID = "tasks: [bit-xor, bit-memory]\nbodies: [gpt2-tiny]\ninits: [random]\npolicies: [fpt]\n"
            + "steps: 2\nbatch_size: 4\ntask_properties: {bit-xor: {test-size: 8}, bit-memory: {bits: 4, patch: 2, test-size: 8}}\n";

    @TempDir
    Path dir;

    /** {@code fpt experiment} on a spec of {@code yaml} (with more {@code args}); no run may have started. */
    private String refused(String yaml, String... args) throws Exception {
        Path spec = Files.writeString(dir.resolve("grid.yaml"), yaml);
        Path out = dir.resolve("out");
        String[] command = new String[args.length + 4];
        System.arraycopy(new String[] {"experiment", spec.toString(), "--out", out.toString()}, 0, command, 0, 4);
        System.arraycopy(args, 0, command, 4, args.length);
        CliRunner.Result result = CliRunner.run(command);
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.out()).as("no run started").doesNotContain("[1/");
        assertThat(out).as("nothing written").doesNotExist();
        assertThat(result.err()).startsWith("fpt: Experiment " + spec + ": ").doesNotContain("Exception");
        return result.err().strip().substring(("fpt: Experiment " + spec + ": ").length());
    }

    @Test
    void theGridTrainsWhenItsValuesAreRight() throws Exception {
        Path spec = Files.writeString(dir.resolve("grid.yaml"), GRID);
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", dir.resolve("out").toString());
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void aMicroBatchLargerThanTheBatchIsRefusedNamingTheKey() throws Exception {
        assertThat(refused(GRID + "micro_batch_size: 8\n")).isEqualTo("'micro_batch_size' must be at most batch_size (4), got 8");
    }

    @Test
    void anEvalBatchSizeIsCheckedAndRecordedInEachRunsDescription() throws Exception {
        assertThat(refused(GRID + "eval_batch_size: 0\n")).isEqualTo("'eval_batch_size' must be an integer from 1 to 1048576, got 0");
        Path spec = Files.writeString(dir.resolve("grid.yaml"), GRID + "eval_batch_size: 3\n");
        Path out = dir.resolve("out");
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        try (var metrics = Files.find(out, 4, (p, a) -> p.getFileName().toString().equals("metrics.jsonl"))) {
            assertThat(metrics.toList()).hasSize(2).allSatisfy(m -> assertThat(Files.readString(m)).contains("\"eval_batch_size\":3"));
        }
    }

    @Test
    void aGridInPiecesTrains() throws Exception {
        Path spec = Files.writeString(dir.resolve("grid.yaml"), GRID + "micro_batch_size: 3\n");
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--out", dir.resolve("out").toString());
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void unknownTaskPolicyAndBodyNamesAreRefusedNamingTheKey() throws Exception {
        assertThat(refused(GRID.replace("bit-xor, bit-memory]", "bit-xor, bit-xro]")))
                .startsWith("tasks[1]: No task 'bit-xro'. Available: bit-memory, bit-xor, ");
        assertThat(refused(GRID.replace("policies: [fpt]", "policies: [fpt, fptt]")))
                .startsWith("policies[1]: No policy 'fptt'. Available: ").contains("fpt, ", "lora");
        assertThat(refused(GRID.replace("policies: [fpt]", "policies: [\"lora:r=8\", \"lora:r=abc\"]")))
                .startsWith("policies[1]: Policy 'lora': ").contains("abc");
        assertThat(refused(GRID.replace("bodies: [gpt2-tiny]", "bodies: [gpt2-tiny, gtp2-tiny]")))
                .startsWith("bodies[1]: No body 'gtp2-tiny'. Available: ").contains("gpt2-tiny");
        assertThat(refused(GRID.replace("inits: [random]", "inits: [random, pretrainde]")))
                .isEqualTo("inits[1]: No init 'pretrainde'. Available: pretrained, random");
    }

    @Test
    void taskPropertiesAreCheckedByTheirTaskNamesAndValues() throws Exception {
        assertThat(refused(GRID.replace("{bits: 4, patch: 2, test-size: 8}", "{test-sise: 50}")))
                .isEqualTo("task_properties.bit-memory: Task 'bit-memory' has no property 'test-sise'. Known: bits, patch, patterns, test-size");
        assertThat(refused(GRID.replace("{bits: 4, patch: 2, test-size: 8}", "{bits: 5, patch: 2}")))
                .isEqualTo("task_properties.bit-memory: Task 'bit-memory': property 'bits' (5) must be a multiple of 'patch' (2)");
        assertThat(refused(GRID.replace("{test-size: 8}", "{test-size: 0}")))
                .isEqualTo("task_properties.bit-xor: Task 'bit-xor': property 'test-size' must be >= 1, got 0");
        // mnist's data directory is not there: the property is checked without reading it
        assertThat(refused("tasks: [mnist]\nbodies: [gpt2-tiny]\ninits: [random]\ndata_dirs: {mnist: " + dir.resolve("no-mnist")
                + "}\ntask_properties: {mnist: {patch: 0}}\n"))
                .isEqualTo("task_properties.mnist: Task 'mnist': property 'patch' must be >= 1, got 0");
    }

    @Test
    void aValueForATaskOrPolicyOfNoRunIsATypo() throws Exception {
        assertThat(refused(GRID.replace("bit-memory: {bits", "bit-memroy: {bits")))
                .isEqualTo("task_properties.bit-memroy: 'bit-memroy' is none of the tasks [bit-xor, bit-memory]");
        assertThat(refused(GRID + "task_steps: {bit-xro: 3}\n")).startsWith("task_steps.bit-xro: ");
        assertThat(refused(GRID + "policy_lr: {fulll: 1.0e-4}\n")).isEqualTo("policy_lr.fulll: 'fulll' is none of the policies [fpt]");
    }

    @Test
    void aPretrainedInitNeedsWeightsForEveryBody() throws Exception {
        assertThat(refused(GRID.replace("bodies: [gpt2-tiny]", "bodies: [lstm-64]").replace("inits: [random]", "inits: [random, pretrained]")))
                .startsWith("bodies[0] with inits[1]: Body 'lstm-64' has no pretrained weights");
        assertThat(refused(GRID.replace("bodies: [gpt2-tiny]", "bodies: [gpt2-tiny, lstm-99999]")))
                .isEqualTo("bodies[1] with inits[0]: Body 'lstm-99999': width must be 1..4096, got 99999");
        assertThat(refused(GRID.replace("bodies: [gpt2-tiny]", "bodies: [lstm-64]") + "task_positions: {bit-memory: 64}\n"))
                .isEqualTo("bodies[0] with inits[0] and task_positions.bit-memory: Body 'lstm-64' (lstm) has no position table to extend");
        assumeFalse(Files.exists(Gpt2Source.defaultWeightsRoot().resolve("gpt2-tiny").resolve("model.safetensors")), "gpt2-tiny has weights here");
        assertThat(refused(GRID.replace("inits: [random]", "inits: [pretrained]")))
                .startsWith("bodies[0] with inits[0]: No pretrained weights for 'gpt2-tiny': expected HF's model.safetensors at ");
    }

    @Test
    void withASparkMasterTheSpecIsCheckedBeforeSparkIsLookedFor() throws Exception {
        // fpt-cli has no Spark runner: a spec that passed the checks would fail with "--master needs the Spark runner"
        assertThat(refused(GRID.replace("bit-xor, bit-memory]", "bit-xor, bit-xro]"), "--master", "local[2]"))
                .startsWith("tasks[1]: No task 'bit-xro'.");
        assertThat(refused(GRID.replace("{test-size: 8}", "{test-sise: 8}"), "--master", "spark://127.0.0.1:7077"))
                .startsWith("task_properties.bit-xor: Task 'bit-xor' has no property 'test-sise'.");
        assertThat(refused(GRID.replace("inits: [random]", "inits: [random, pretrained]").replace("[gpt2-tiny]", "[lstm]"), "--master", "local[2]"))
                .startsWith("bodies[0] with inits[1]: Body 'lstm' has no pretrained weights");
    }

    @Test
    void onAClusterTheWorkersBodiesAndWeightsAreLeftToThem() throws Exception {
        // they may be on the workers only: the grid gets as far as looking for the Spark runner
        Path spec = Files.writeString(dir.resolve("cluster.yaml"), GRID.replace("inits: [random]", "inits: [pretrained]")
                .replace("[gpt2-tiny]", "[lstm, /bodies/on-the-workers, \"hdfs://nn:8020/bodies/gpt2\"]"));
        CliRunner.Result result = CliRunner.run("experiment", spec.toString(), "--master", "spark://127.0.0.1:7077");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("--master needs the Spark runner");
    }
}
