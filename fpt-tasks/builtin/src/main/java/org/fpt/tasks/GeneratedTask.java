package org.fpt.tasks;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.TaskPropertyException;

/**
 * A task whose examples are generated: training batches are fresh draws (as in the paper), and the test
 * split is a fixed set drawn once from the task's seed, so every evaluation sees the same examples. The test
 * set is drawn when first asked for, so building the task is cheap: its factory's
 * {@link org.fpt.spi.TaskFactory#checkProperties} builds it to check the properties, and generates nothing.
 */
abstract class GeneratedTask extends ShapedTask {
    /**
     * Refuses, in one line naming the task and the properties ({@code what}, e.g. "test-size 1000 x 2 tokens x
     * bits 5"), a generated set whose floats would overflow an array or take more than a quarter of the heap.
     */
    static void requireFloats(String task, String what, long... factors) {
        long limit = Math.min(DataFiles.MAX_ARRAY, Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);
        BigInteger product = BigInteger.ONE;
        for (long f : factors) {
            product = product.multiply(BigInteger.valueOf(f));
        }
        if (product.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw new TaskPropertyException("Task '" + task + "': " + what + " = " + product + " values; at most " + limit
                    + " fit (one array, a quarter of this JVM's " + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap): use smaller properties");
        }
    }

    private final long seed;
    private final int testSize;
    private Batch test;

    GeneratedTask(InputSpec input, OutputSpec output, long seed, int testSize) {
        super(input, output);
        this.seed = seed;
        this.testSize = testSize;
    }

    private synchronized Batch test() {
        if (test == null) {
            test = draw(testSize, new Random(seed ^ 0x5DEECE66DL));
        }
        return test;
    }

    /** Writes one example's input values at {@code values[v..]} and its labels at {@code labels[l..]}. */
    abstract void example(Random rng, float[] values, int v, int[] labels, int l);

    @Override
    public Batch trainBatch(int batchSize, Random rng) {
        return draw(batchSize, rng);
    }

    @Override
    public int size(Split split) {
        return split == Split.TEST ? testSize : 0;
    }

    @Override
    public Batch batch(Split split, int from, int to) {
        if (split != Split.TEST) {
            throw new IllegalArgumentException("Generated tasks have only a test split, not " + split);
        }
        int valuesPer = input().tokens() * input().valueDim();
        int labelsPer = output().labelsPerExample();
        Batch test = test();
        float[] values = Arrays.copyOfRange(test.values(), from * valuesPer, to * valuesPer);
        int[] labels = Arrays.copyOfRange(test.labels(), from * labelsPer, to * labelsPer);
        return Batch.ofValues(to - from, input().tokens(), values, labels);
    }

    private Batch draw(int count, Random rng) {
        int valuesPer = input().tokens() * input().valueDim();
        int labelsPer = output().labelsPerExample();
        float[] values = new float[count * valuesPer];
        int[] labels = new int[count * labelsPer];
        for (int i = 0; i < count; i++) {
            example(rng, values, i * valuesPer, labels, i * labelsPer);
        }
        return Batch.ofValues(count, input().tokens(), values, labels);
    }
}
