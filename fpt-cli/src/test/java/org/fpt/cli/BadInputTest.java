package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad config files, experiment specs and options end in one line ("fpt: ...") naming the file and key, with
 * exit code 2 (the README's code for bad input); none of these starts an engine. Today's main printed
 * a ClassCastException or NullPointerException stack trace, "fpt: -10", or a line without the file.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertOneLine(CliRunner.Result result, int code, String... parts) {
        assertThat(result.code()).as(result.err()).isEqualTo(code);
        String error = result.err().lines().filter(l -> !l.startsWith("Try 'fpt")).reduce("", (a, b) -> a + b + "\n");
        assertThat(error.lines()).as(result.err()).hasSize(1);
        assertThat(error).startsWith("fpt: ").contains(parts).doesNotContain("Exception");
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    /** {@code fpt train --task bit-xor --config FILE}, where FILE holds {@code content}. */
    private CliRunner.Result trainWith(String name, String content) throws Exception {
        return CliRunner.run("train", "--task", "bit-xor", "--config", file(name, content).toString());
    }

    @Test
    void configKeysMustBeStrings() throws Exception {
        assertOneLine(trainWith("a.yaml", "steps: 5\n1: 2\n"), 2, "Cannot parse " + dir.resolve("a.yaml") + ": key 1 (Integer) is not a string");
        assertOneLine(trainWith("b.yaml", "steps: 5\n~: 2\n"), 2, dir.resolve("b.yaml") + ": a null key (~)");
    }

    @Test
    void configValuesNameTheFileAndKey() throws Exception {
        assertOneLine(trainWith("word.yaml", "steps: abc\n"), 2,
                "Config " + dir.resolve("word.yaml") + ": key 'steps': Invalid value for option '--steps': 'abc' is not an int");
        assertOneLine(trainWith("null.yaml", "steps: ~\n"), 2, "Config " + dir.resolve("null.yaml") + ": key 'steps' has no value");
        assertOneLine(trainWith("negative.yaml", "steps: -5\n"), 2,
                "--steps must be between 1 and 1000000000, got -5 (steps -5 is from config " + dir.resolve("negative.yaml") + ")");
        assertOneLine(trainWith("lines.yaml", "policy: |\n  fpt\n  full\n"), 2, "key 'policy' must be one line");
    }

    @Test
    void configSyntaxErrorsAreOneLineAndPluginPathIsRefused() throws Exception {
        assertOneLine(trainWith("broken.yaml", "steps: 5\n  - a\n b: [\n"), 2, "Cannot parse " + dir.resolve("broken.yaml") + ": ", "(line ");
        assertOneLine(trainWith("broken.json", "{\"steps\": 5,}"), 2, "Cannot parse " + dir.resolve("broken.json") + ": it is not valid JSON");
        Path plugins = file("plugins.yaml", "plugin-path: /tmp/evil.jar\n");
        assertOneLine(CliRunner.run("plugins", "--config", plugins.toString()), 2,
                "Config " + plugins + ": key 'plugin-path' is not allowed in a config file");
    }

    @Test
    void experimentSpecEntriesMustBeValues() throws Exception {
        Path nullTask = file("null-task.yaml", "tasks: [bit-xor, ~]\nsteps: 2\n");
        assertOneLine(CliRunner.run("experiment", nullTask.toString(), "--out", dir.resolve("out").toString()), 2,
                "Experiment " + nullTask + ": tasks[1] must be a single value (text or a number), got null");
        Path listSeed = file("list-seed.yaml", "tasks: [bit-xor]\nseeds: [[1, 2]]\n");
        assertOneLine(CliRunner.run("experiment", listSeed.toString(), "--out", dir.resolve("out").toString()), 2,
                "Experiment " + listSeed + ": seeds[0] must be a single value");
        Path property = file("property.yaml", "tasks: [bit-xor]\ntask_properties: {bit-xor: {bits: ~}}\n");
        assertOneLine(CliRunner.run("experiment", property.toString(), "--out", dir.resolve("out").toString()), 2,
                "Experiment " + property + ": task_properties.bit-xor.bits must be a single value");
    }

    @Test
    void anExperimentNameIsAPlainFileName() throws Exception {
        // An unknown task: if the name were accepted, the run would fail before writing anything.
        for (String name : new String[] {"../../escaped", "/tmp/escaped", "..", "a/b"}) {
            Path spec = file("escape.yaml", "name: \"" + name + "\"\ntasks: [no-such-task]\nsteps: 2\n");
            assertOneLine(CliRunner.run("experiment", spec.toString()), 2,
                    "Experiment " + spec + ": 'name' must be a plain file name", name);
        }
        Path task = file("task.yaml", "tasks: [\"../../x\"]\nsteps: 2\n");
        assertOneLine(CliRunner.run("experiment", task.toString(), "--out", dir.resolve("out").toString()), 2,
                "Experiment " + task + ": tasks[0] must be a name");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void absurdTaskPropertiesPoliciesAndBodiesAreRefusedUpFront() {
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "-P", "test-size=-1"), 2,
                "Task 'bit-xor': property 'test-size' must be >= 1, got -1");
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "-P", "bits=2147483647"), 2,
                "Task 'bit-xor': test-size 1000 x 2 tokens x bits 2147483647 = 4294967294000 values; at most");
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--body", "lstm-99999", "--init", "random", "--policy", "full"), 2,
                "Body 'lstm-99999': width must be 1..4096, got 99999");
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--body", "gpt2-tiny", "--init", "random", "--policy", "lora:r=99999999"), 2,
                "Policy 'lora': r=99999999 exceeds the size of h.0.attn.c_attn (64 -> 192)");
    }

    @Test
    void everyBadInputOfTrainAndExperimentExits2() throws Exception {
        Path out = dir.resolve("out");
        assertOneLine(CliRunner.run("experiment", file("task.yaml", "tasks: [bit-xor, bit-xro]\n").toString(), "--out", out.toString()), 2,
                "tasks[1]: No task 'bit-xro'");
        assertOneLine(CliRunner.run("experiment", file("policy.yaml", "tasks: [bit-xor]\npolicies: [fpt, fptt]\n").toString(), "--out", out.toString()), 2,
                "policies[1]: No policy 'fptt'");
        assertOneLine(CliRunner.run("experiment", file("property.yaml", "tasks: [bit-xor]\ntask_properties: {bit-xor: {bitz: 3}}\n").toString(),
                "--out", out.toString()), 2, "task_properties.bit-xor: Task 'bit-xor' has no property 'bitz'");
        assertOneLine(CliRunner.run("experiment", file("rank.yaml", "tasks: [bit-xor]\nbodies: [gpt2-tiny]\ninits: [random]\n"
                + "policies: [fpt, 'lora:r=99999999']\n").toString(), "--out", out.toString()), 2,
                "bodies[0] with inits[0] and policies[1]: Policy 'lora': r=99999999 exceeds the size of h.0.attn.c_attn (64 -> 192)");
        assertOneLine(CliRunner.run("experiment", dir.resolve("absent.yaml").toString(), "--out", out.toString()), 2, dir.resolve("absent.yaml").toString());
        assertOneLine(CliRunner.run("experiment", file("fine.yaml", "tasks: [bit-xor]\n").toString(), "--out", "hdfs://nn:8020/x"), 2,
                "only the Spark runner writes to hdfs: filesystems");
        assertThat(out).doesNotExist();
        assertOneLine(trainWith("c1.yaml", "step: 20\n"), 2, "Config " + dir.resolve("c1.yaml") + " has keys that are no option of 'fpt train': step");
        assertOneLine(trainWith("c2.yaml", "steps: abc\n"), 2, "Config " + dir.resolve("c2.yaml") + ": key 'steps'");
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--init", "pretrainde"), 2, "No init 'pretrainde'. Available: pretrained, random");
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--body", "lstm", "--init", "pretrained", "--policy", "full"), 2,
                "Body 'lstm' has no pretrained weights");
        assertOneLine(CliRunner.run("train", "--task", "bit-xor", "--body", "lstm", "--init", "random", "--positions", "8"), 2,
                "Body 'lstm' (lstm) has no position table to extend");
        assertOneLine(CliRunner.run("train", "--task", "mnist", "--data-dir", dir.resolve("no-mnist").toString(), "-P", "patch=0"), 2,
                "Task 'mnist': property 'patch' must be >= 1, got 0");
        assertOneLine(CliRunner.run("train", "--task", "mnist", "--data-dir", dir.resolve("no-mnist").toString(), "--body", "gpt2-tiny",
                "--init", "random", "--readout", "first"), 2, "Body 'gpt2-tiny' is causal: only --readout last sees the whole input");
    }
}
