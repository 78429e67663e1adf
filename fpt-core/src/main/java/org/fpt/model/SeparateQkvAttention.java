package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.spi.PeftSite.Projection;

/**
 * Multi-head self-attention with separate {@code query}, {@code key}, {@code value} projections under
 * {@code prefix}, then {@code output.dense} and dropout: BERT's ({@code self.*}) and ViT's
 * ({@code attention.*}) layout, as HF names them.
 */
public class SeparateQkvAttention extends AttentionBlock {
    private final int heads;
    private final float dropout;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense outputDense;

    protected SeparateQkvAttention(String prefix, int hidden, int heads, float dropout) {
        this.heads = heads;
        this.dropout = dropout;
        query = addChildBlock(prefix + ".query", new Dense(hidden, hidden, Projection.QUERY));
        key = addChildBlock(prefix + ".key", new Dense(hidden, hidden, Projection.KEY));
        value = addChildBlock(prefix + ".value", new Dense(hidden, hidden, Projection.VALUE));
        outputDense = addChildBlock("output.dense", new Dense(hidden, hidden, Projection.ATTENTION_OUTPUT));
    }

    /** Inputs: {@code x [B, T, C]} and an additive attention bias broadcastable to {@code [B, H, T, T]}. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = new NDList(inputs.get(0));
        NDArray y = attend(
                heads(query.forward(store, x, training).singletonOrThrow()),
                heads(key.forward(store, x, training).singletonOrThrow()),
                heads(value.forward(store, x, training).singletonOrThrow()),
                inputs.get(1), dropout, training);
        y = outputDense.forward(store, new NDList(y), training).singletonOrThrow();
        return new NDList(Dropouts.dropout(y, dropout, training));
    }

    /** {@code [B, T, C] -> [B, H, T, hs]}. */
    private NDArray heads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, heads, x.getShape().get(2) / heads).transpose(0, 2, 1, 3);
    }
}
