package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Additive attention biases: 0 where a query may look, a large negative number where it may not. */
public final class AttentionMasks {
    static final float BLOCKED = -1e9f;

    private AttentionMasks() {
    }

    /**
     * The bias for {@code x [B, T, C]}, shaped to broadcast over {@code [B, H, T, T]}: future keys blocked
     * when {@code causal}, padded keys (where {@code keyMask [B, T]} is 0) blocked always.
     */
    public static NDArray bias(NDArray x, NDArray keyMask, boolean causal) {
        long b = x.getShape().get(0);
        int t = Math.toIntExact(x.getShape().get(1));
        NDArray bias = keyMask == null
                ? x.getManager().zeros(new Shape(b, 1, 1, t))
                : keyMask.toType(x.getDataType(), false).neg().add(1).mul(BLOCKED).reshape(b, 1, 1, t);
        if (causal) {
            float[] future = new float[t * t];
            for (int q = 0; q < t; q++) {
                for (int k = q + 1; k < t; k++) {
                    future[q * t + k] = BLOCKED;
                }
            }
            bias = bias.add(x.getManager().create(future, new Shape(1, 1, t, t)));
        }
        return bias;
    }
}
