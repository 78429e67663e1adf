package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writing values into an existing array (a parameter's) in place, on every engine. Not {@code NDArray.set(Buffer)}
 * or {@code copyTo}: on PyTorch, DJL's JNI behind both enters libtorch's deprecated {@code AutoNonVariableTypeMode},
 * which prints a warning about "silent wrong result" to every run that loads pretrained weights, though nothing is
 * wrong. An indexed assignment of the values as a new array is the same copy without it, and is allowed on a
 * parameter that has its gradient attached.
 */
public final class InPlace {
    private static final NDIndex ALL = new NDIndex("...");

    private InPlace() {
    }

    /** Overwrites {@code target} with {@code values}, row-major in its shape; the lengths must match. */
    public static void copy(float[] values, NDArray target) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(values.length + " values for an array of shape " + target.getShape());
        }
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            target.set(ALL, source);
        }
    }
}
