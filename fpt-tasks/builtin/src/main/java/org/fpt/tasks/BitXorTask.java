package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/**
 * Bit XOR (the paper's setting): two random n-bit strings (n = 5), each one token of n values in {0, 1};
 * the last token's output predicts all n bits of their XOR. Accuracy is per bit.
 * Properties: {@code bits} (5), {@code test-size} (1000).
 */
public final class BitXorTask implements TaskFactory {
    @Override
    public String name() {
        return "bit-xor";
    }

    @Override
    public String description() {
        return "XOR of two 5-bit strings (2 tokens of 5 bits), predicts every bit";
    }

    /** Building the task checks every property and generates nothing yet ({@link GeneratedTask}). */
    @Override
    public void checkProperties(TaskOptions options) {
        create(options);
    }

    @Override
    public Task create(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "bits", "test-size");
        int n = props.integer("bits", 5, 1);
        int testSize = props.integer("test-size", 1000, 1);
        GeneratedTask.requireFloats(name(), "test-size " + testSize + " x 2 tokens x bits " + n, testSize, 2, n);
        return new GeneratedTask(InputSpec.values(2, n), new OutputSpec(1, n, 2), options.seed(), testSize) {
            @Override
            void example(Random rng, float[] values, int v, int[] labels, int l) {
                for (int j = 0; j < n; j++) {
                    int a = rng.nextInt(2);
                    int b = rng.nextInt(2);
                    values[v + j] = a;
                    values[v + n + j] = b;
                    labels[l + j] = a ^ b;
                }
            }
        };
    }
}
