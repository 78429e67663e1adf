package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Products with a constant that autograd can record safely on every engine. On DJL's PyTorch engine
 * {@code x.mul(0.5)} wraps the number in a Java direct buffer and closes it right after the product, while the
 * product's backward pass still reads it: a garbage collection in between frees it (see the trainer's
 * {@code CollectionDuringBackward}). There the constant is made the engine's own memory, owned by {@code x}'s
 * manager. MXNet takes the number as an operator parameter, which is safe and faster than a 0-dim array (whose
 * product's backward pass also computes the constant's gradient).
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code x * factor}, for float32 {@code x} (no caller multiplies bfloat16 arrays this way). */
    public static NDArray times(NDArray x, double factor) {
        if (!Engines.isPyTorch(x)) {
            return x.mul(factor);
        }
        return x.mul(x.getManager().full(new Shape(), (float) factor, x.getDataType()));
    }
}
