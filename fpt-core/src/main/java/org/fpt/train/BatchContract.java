package org.fpt.train;

import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;

/**
 * What a task's batches promise by its {@link InputSpec} and {@link OutputSpec}, checked before the model
 * sees a batch: a broken promise would otherwise train without a word (a label equal to the class count,
 * an id past the vocabulary, a wrong token count) or fail deep inside DJL naming neither task nor field.
 * Linear in the batch's ids and labels, so it runs on every training and evaluation batch.
 */
final class BatchContract {
    private final String task;
    private final InputSpec input;
    private final OutputSpec output;

    BatchContract(String task, InputSpec input, OutputSpec output) {
        this.task = task;
        this.input = input;
        this.output = output;
    }

    /** The name errors give a task the host did not name: its class's. */
    static String nameOf(Task task) {
        String simple = task.getClass().getSimpleName();
        return simple.isEmpty() ? task.getClass().getName().substring(task.getClass().getName().lastIndexOf('.') + 1) : simple;
    }

    /** Inputs and labels of a batch to train or evaluate on; {@code where} names it in an error ("training batch of step 12"). */
    void check(Batch batch, String where) {
        named(where, () -> {
            inputs(batch);
            checkLabels(batch);
        });
    }

    /** The inputs alone; a batch to predict from, whose labels may be empty. */
    void checkInputs(Batch batch, String where) {
        named(where, () -> inputs(batch));
    }

    private void named(String where, Runnable check) {
        try {
            check.run();
        } catch (Broken e) {
            throw new IllegalArgumentException("Task '" + task + "', " + where + ": " + e.getMessage());
        }
    }

    private void inputs(Batch batch) {
        int size = batch.size();
        int tokens = batch.tokens();
        if (size < 1) {
            throw broken("batch size " + size + " (must be >= 1)");
        }
        if (batch.lengths() == null ? tokens != input.tokens() : tokens < 1 || tokens > input.tokens()) {
            throw broken("batch tokens " + tokens + " differs from input().tokens() " + input.tokens()
                    + " (only a padded batch, one with lengths, may be shorter)");
        }
        if (batch.lengths() != null) {
            for (int i = 0; i < size; i++) {
                if (batch.lengths()[i] < 1 || batch.lengths()[i] > tokens) {
                    throw broken("length " + batch.lengths()[i] + " of example " + i + " is outside [1, " + tokens + "] (the batch's tokens)");
                }
            }
        }
        if (input.isTokenIds()) {
            checkIds(batch);
        } else if (batch.values() == null) {
            throw broken("batch has ids, but input() is " + input.tokens() + " tokens of " + input.valueDim() + " values");
        } else if (batch.values().length != (long) size * tokens * input.valueDim()) {
            throw broken("batch values has " + batch.values().length + " floats; expected size x tokens x valueDim = "
                    + size + " x " + tokens + " x " + input.valueDim() + " = " + (long) size * tokens * input.valueDim());
        }
    }

    private void checkIds(Batch batch) {
        int[] ids = batch.ids();
        if (ids == null) {
            throw broken("batch has values, but input() is token ids (vocabulary " + input.vocabSize() + ")");
        }
        if (ids.length != (long) batch.size() * batch.tokens()) {
            throw broken("batch ids has " + ids.length + " entries; expected size x tokens = " + batch.size() + " x " + batch.tokens()
                    + " = " + (long) batch.size() * batch.tokens());
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= input.vocabSize()) {
                throw broken("id " + ids[i] + " (example " + i / batch.tokens() + ", token " + i % batch.tokens()
                        + ") is outside the vocabulary " + input.vocabSize() + " ([0, " + input.vocabSize() + "))");
            }
        }
    }

    private void checkLabels(Batch batch) {
        int[] labels = batch.labels();
        int perExample = output.labelsPerExample();
        if (labels == null || labels.length != (long) batch.size() * perExample) {
            throw broken("batch has " + (labels == null ? "no" : String.valueOf(labels.length)) + " labels; expected size x labelsPerExample = "
                    + batch.size() + " x " + perExample + " = " + (long) batch.size() * perExample);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= output.numClasses()) {
                throw broken("label " + labels[i] + " (example " + i / perExample + ", position " + i % perExample
                        + ") is outside [0, " + output.numClasses() + ") (numClasses " + output.numClasses() + ")");
            }
        }
    }

    private static Broken broken(String what) {
        return new Broken(what);
    }

    /** What is wrong with a batch, before {@link #named} says whose batch and which. */
    private static final class Broken extends RuntimeException {
        Broken(String what) {
            super(what, null, false, false);
        }
    }
}
