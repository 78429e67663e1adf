package org.fpt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.fpt.model.Readout;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;

/** Turns a task's plain-array {@link Batch} into the model's inputs and labels, in a step's manager. */
final class BatchArrays {
    private final InputSpec input;
    private final OutputSpec output;
    private final Readout readout;

    BatchArrays(InputSpec input, OutputSpec output, Readout readout) {
        this.input = input;
        this.output = output;
        this.readout = readout;
    }

    NDList inputs(NDManager manager, Batch batch) {
        int b = batch.size();
        int t = batch.tokens();
        NDArray x = batch.values() != null
                ? manager.create(batch.values(), new Shape(b, t, input.valueDim()))
                : manager.create(batch.ids(), new Shape(b, t));
        int[] lengths = new int[b];
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            lengths[i] = batch.length(i);
            for (int j = 0; j < lengths[i]; j++) {
                mask[i * t + j] = 1f;
            }
        }
        NDArray keyMask = manager.create(mask, new Shape(b, t));
        return new NDList(x, keyMask, readout.weights(manager, lengths, t, output.readTokens()));
    }

    /** The labels, already checked by {@link BatchContract}. */
    NDList labels(NDManager manager, Batch batch) {
        return new NDList(manager.create(batch.labels()));
    }
}
