package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fpt.model.InPlace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing the engines print should alarm a user when nothing is wrong. */
class EngineWarningsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void inPlaceCopyOverwritesAParameterThatStillTrains(String engine) {
        try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
            NDArray weight = manager.zeros(new Shape(2, 3));
            weight.setRequiresGradient(true);
            InPlace.copy(new float[] {1, 2, 3, 4, 5, 6}, weight);
            assertThat(weight.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            try (GradientCollector collector = Engine.getEngine(engine).newGradientCollector()) {
                collector.backward(weight.mul(weight).sum());
            }
            assertThat(weight.getGradient().toFloatArray()).as("d(w^2)/dw = 2w: still a leaf that trains").containsExactly(2, 4, 6, 8, 10, 12);
        }
    }

    /**
     * libtorch warns once per process that "AutoNonVariableTypeMode is deprecated ... silent wrong result" when DJL's
     * {@code NDArray.set(Buffer)} runs. One process takes every path that writes weights into parameters: pretrained
     * BERT and GPT-2 weights, a checkpoint's on resume, a LoRA merge on export. None may make libtorch say it.
     */
    @Test
    void noDeprecationWarningFromLibtorchWhenWeightsAreLoaded() throws Exception {
        String tiny = "--task bit-xor --steps 2 --batch-size 2 -P test-size=8 --backend pytorch";
        String lora = tiny + " --body gpt2-tiny --init random --policy lora:r=2 --checkpoint-dir " + dir.resolve("c");
        List<String> commands = List.of(
                "train " + tiny,                                                          // the default body, pretrained (BERT layout)
                "train " + lora + " --export-body " + dir.resolve("body"),              // a LoRA merged into its projections
                "train " + lora.replace("--steps 2", "--steps 3") + " --resume",          // a checkpoint's weights
                "train " + tiny + " --body " + dir.resolve("body"));                      // GPT-2 weights from a directory
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Commands.class.getName()));
        command.addAll(commands);
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = process.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        assertThat(output).contains("exit 0: train " + tiny + " --body").doesNotContain("AutoNonVariableTypeMode");
    }

    /** Runs each argument as one {@code fpt} command line, in this one JVM; exits with the first failure's code. */
    public static final class Commands {
        public static void main(String[] commands) {
            for (String line : commands) {
                int code = org.fpt.cli.Main.run(line.split(" "));
                System.out.println("exit " + code + ": " + line);
                if (code != 0) {
                    System.exit(code);
                }
            }
            System.exit(0);
        }
    }
}
