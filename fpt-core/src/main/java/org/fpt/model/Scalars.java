package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Products with a constant that autograd can record safely on every engine. On DJL's PyTorch engine
 * {@code x.mul(0.5)} wraps the number in a Java direct buffer and closes it right after the product, while the
 * product's backward pass still reads it: a garbage collection in between frees it (see the trainer's
 * {@code CollectionDuringBackward}). Here the constant is the engine's own memory, owned by {@code x}'s manager.
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code x * factor}. */
    public static NDArray times(NDArray x, double factor) {
        return x.mul(x.getManager().full(new Shape(), (float) factor, x.getDataType()));
    }
}
