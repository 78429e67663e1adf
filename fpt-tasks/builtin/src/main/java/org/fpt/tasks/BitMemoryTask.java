package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;
import org.fpt.spi.TaskPropertyException;

/**
 * Bit memory (the paper's setting): 5 random patterns of 1000 bits in {-1, +1}, then a query, one of them
 * with each bit masked to 0 with probability 0.5; predict the whole queried pattern. Patches of 50 bits
 * make 6 x 1000 / 50 = 120 tokens; the last 20 tokens' outputs predict 50 bits each. Accuracy is per bit.
 * Properties: {@code bits} (1000), {@code patterns} (5), {@code patch} (50), {@code test-size} (1000).
 */
public final class BitMemoryTask implements TaskFactory {
    @Override
    public String name() {
        return "bit-memory";
    }

    @Override
    public String description() {
        return "recall one of 5 stored 1000-bit patterns from a half-masked query (120 tokens of 50 bits)";
    }

    /** Building the task checks every property and generates nothing yet ({@link GeneratedTask}). */
    @Override
    public void checkProperties(TaskOptions options) {
        create(options);
    }

    @Override
    public Task create(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "bits", "patterns", "patch", "test-size");
        int bits = props.integer("bits", 1000, 1);
        int patterns = props.integer("patterns", 5, 1, Integer.MAX_VALUE - 1);
        int patch = props.integer("patch", 50, 1);
        int testSize = props.integer("test-size", 1000, 1);
        if (bits % patch != 0) {
            throw new TaskPropertyException("Task 'bit-memory': property 'bits' (" + bits + ") must be a multiple of 'patch' (" + patch + ")");
        }
        GeneratedTask.requireFloats(name(), "test-size " + testSize + " x (patterns " + patterns + " + 1) x bits " + bits, testSize, patterns + 1L, bits);
        int tokensPerPattern = bits / patch;
        InputSpec input = InputSpec.values((patterns + 1) * tokensPerPattern, patch);
        OutputSpec output = new OutputSpec(tokensPerPattern, patch, 2);
        return new GeneratedTask(input, output, options.seed(), testSize) {
            @Override
            void example(Random rng, float[] values, int v, int[] labels, int l) {
                for (int i = 0; i < patterns * bits; i++) {
                    values[v + i] = rng.nextBoolean() ? 1f : -1f;
                }
                int chosen = rng.nextInt(patterns);
                int query = v + patterns * bits;
                for (int j = 0; j < bits; j++) {
                    float bit = values[v + chosen * bits + j];
                    values[query + j] = rng.nextBoolean() ? 0f : bit;
                    labels[l + j] = bit > 0 ? 1 : 0;
                }
            }
        };
    }
}
