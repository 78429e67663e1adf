package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/** Scaled dot-product attention over heads, for families with separate query, key and value projections. */
public final class MultiHeadAttention {
    private MultiHeadAttention() {
    }

    /**
     * {@code softmax(q k^T / sqrt(hs) + bias) v} per head. {@code q, k, v [B, T, C]}; {@code bias} broadcasts
     * over {@code [B, H, T, T]} (see {@link AttentionMasks}). Returns {@code [B, T, C]}, heads side by side.
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, NDArray bias, float dropout, boolean training) {
        long b = q.getShape().get(0);
        long t = q.getShape().get(1);
        long c = q.getShape().get(2);
        long hs = c / heads;
        NDArray qh = splitHeads(q, heads);
        NDArray kh = splitHeads(k, heads);
        NDArray vh = splitHeads(v, heads);
        NDArray att = qh.matMul(kh.transpose(0, 2, 1)).mul(1.0 / Math.sqrt(hs)).reshape(b, heads, t, t).add(bias);
        att = att.softmax(-1);
        att = Dropout.dropout(att, dropout, training).singletonOrThrow().reshape(b * heads, t, t);
        return att.matMul(vh).reshape(b, heads, t, hs).transpose(0, 2, 1, 3).reshape(b, t, c);
    }

    /** {@code [B, T, C] -> [B * H, T, hs]}: 3-D so that matMul is batched over batch and heads. */
    private static NDArray splitHeads(NDArray x, int heads) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long hs = x.getShape().get(2) / heads;
        return x.reshape(b, t, heads, hs).transpose(0, 2, 1, 3).reshape(b * heads, t, hs);
    }
}
