package org.fpt.model;

import ai.djl.ndarray.NDArray;
import java.util.function.Consumer;

/** Base of the attention blocks: scaled dot-product attention with an opt-in sink for attention maps. */
public abstract class AttentionBlock extends ShapedBlock implements RecordsAttention {
    /** Receives each forward's attention probabilities; null (the default) costs nothing. */
    private Consumer<NDArray> probabilitySink;

    @Override
    public final void recordProbabilities(Consumer<NDArray> sink) {
        this.probabilitySink = sink;
    }

    /** {@code softmax(q kᵀ / sqrt(hs) + bias) v} over {@code [B, H, T, hs]} heads, merged back to {@code [B, T, C]}. */
    protected final NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias, float dropout, boolean training) {
        return ScaledDotProductAttention.attend(q, k, v, bias, dropout, training, probabilitySink);
    }
}
