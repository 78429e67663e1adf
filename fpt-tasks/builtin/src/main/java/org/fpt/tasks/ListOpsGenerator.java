package org.fpt.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Long Range Arena's ListOps generator ({@code lra_benchmarks/data/listops.py}, task "basic"):
 * operators MIN, MAX, MED (integer median) and SM (sum mod 10) over values 0-9. Below the maximum depth
 * a node is a value with probability 0.75, else an operator with 2 to {@code maxArgs} arguments; at the
 * maximum depth it is a value. A tree's length counts values, operators and closing brackets (not the
 * parentheses of the text form); trees are kept when {@code minLength < length < maxLength}, duplicates
 * dropped. The text form is LRA's: {@code ( ( ( [MAX 2 ) 9 ) ] )}. Deterministic from the seed.
 */
final class ListOpsGenerator {
    static final String[] OPERATORS = {"[MIN", "[MAX", "[MED", "[SM"};
    static final double OPERATOR_PROBABILITY = 0.25;

    /** One generated tree: LRA's text, its value (the label) and its length in tokens. */
    record Example(String source, int label, int length) {
    }

    private final Random rng;
    private final int maxDepth;
    private final int maxArgs;
    private final int minLength;
    private final int maxLength;

    ListOpsGenerator(long seed, int maxDepth, int maxArgs, int minLength, int maxLength) {
        this.rng = new Random(seed);
        this.maxDepth = maxDepth;
        this.maxArgs = maxArgs;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** LRA's settings: depth 10, 10 arguments, 500 < length < 2000. */
    static ListOpsGenerator lra(long seed) {
        return new ListOpsGenerator(seed, 10, 10, 500, 2000);
    }

    /** {@code count} distinct examples, in the order they were drawn. */
    List<Example> generate(int count) {
        List<Example> examples = new ArrayList<>(count);
        generate(count, examples::add);
        return examples;
    }

    /**
     * Hands {@code count} distinct examples to {@code sink} as they are drawn. Duplicates are recognised by
     * a 64-bit hash of the text, so LRA's 100000 trees (~650 MB of text) need not be held in memory; a hash
     * collision could only drop a distinct tree, never keep a duplicate.
     */
    void generate(int count, Consumer<Example> sink) {
        Set<Long> seen = new HashSet<>();
        while (seen.size() < count) {
            Example tree = tree(1);
            if (tree.length() > minLength && tree.length() < maxLength && seen.add(fnv1a(tree.source()))) {
                sink.accept(tree);
            }
        }
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private Example tree(int depth) {
        double r = depth < maxDepth ? rng.nextDouble() : 1;
        if (r > OPERATOR_PROBABILITY) {
            int value = rng.nextInt(10);
            return new Example(Integer.toString(value), value, 1);
        }
        int arguments = 2 + rng.nextInt(maxArgs - 1);
        List<Example> children = new ArrayList<>(arguments);
        int length = 2; // the operator and its closing bracket
        for (int i = 0; i < arguments; i++) {
            Example child = tree(depth + 1);
            children.add(child);
            length += child.length();
        }
        int operator = rng.nextInt(OPERATORS.length);
        // LRA nests the operator with one argument at a time: ( ( ( [OP a ) b ) ] )
        StringBuilder text = new StringBuilder("( ".repeat(arguments + 1)).append(OPERATORS[operator]);
        int[] values = new int[arguments];
        for (int i = 0; i < arguments; i++) {
            text.append(' ').append(children.get(i).source()).append(" )");
            values[i] = children.get(i).label();
        }
        text.append(" ] )");
        return new Example(text.toString(), apply(operator, values), length);
    }

    private static int apply(int operator, int[] values) {
        int[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return switch (operator) {
            case 0 -> sorted[0];
            case 1 -> sorted[n - 1];
            // numpy's median averages the two middle values; int() then truncates
            case 2 -> n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            default -> java.util.Arrays.stream(values).sum() % 10;
        };
    }
}
