package org.fpt.model;

import ai.djl.ndarray.NDArray;
import java.util.function.Consumer;

/** The attention core both families share: {@code softmax(q k^T / sqrt(hs) + bias) v}, heads re-assembled. */
public final class ScaledDotProductAttention {
    private ScaledDotProductAttention() {
    }

    /**
     * {@code q, k, v [B, H, T, hs]} and an additive {@code bias} broadcastable to {@code [B, H, T, T]};
     * returns {@code [B, T, H * hs]} with the heads side by side. {@code probabilities}, when not null,
     * receives the attention weights {@code [B, H, T, T]} (for attention maps).
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias, float dropout, boolean training,
                          Consumer<NDArray> probabilities) {
        long b = q.getShape().get(0);
        long h = q.getShape().get(1);
        long t = q.getShape().get(2);
        long hs = q.getShape().get(3);
        // 3-D matMul is the engine's batched product (batchMatMul throws): fold heads into the batch.
        NDArray scores = q.reshape(b * h, t, hs).matMul(k.reshape(b * h, t, hs).transpose(0, 2, 1));
        NDArray att = Scalars.times(scores, 1.0 / Math.sqrt(hs)).reshape(b, h, t, t).add(bias);
        att = att.softmax(-1);
        if (probabilities != null) {
            probabilities.accept(att);
        }
        att = Dropouts.dropout(att, dropout, training).reshape(b * h, t, t);
        return att.matMul(v.reshape(b * h, t, hs)).reshape(b, h, t, hs).transpose(0, 2, 1, 3).reshape(b, t, h * hs);
    }
}
