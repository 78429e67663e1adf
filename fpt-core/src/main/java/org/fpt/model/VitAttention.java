package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Consumer;

/** ViT's {@code attention}: {@code attention.query/key/value}, then {@code output.dense}, as HF names them. */
public final class VitAttention extends ShapedBlock implements RecordsAttention {
    private final VitConfig config;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense outputDense;
    /** Opt-in: receives each forward's attention probabilities; null (the default) costs nothing. */
    private Consumer<NDArray> probabilitySink;

    public VitAttention(VitConfig config) {
        this.config = config;
        int c = config.hiddenSize();
        query = addChildBlock("attention.query", new Dense(c, c));
        key = addChildBlock("attention.key", new Dense(c, c));
        value = addChildBlock("attention.value", new Dense(c, c));
        outputDense = addChildBlock("output.dense", new Dense(c, c));
    }

    @Override
    public void recordProbabilities(Consumer<NDArray> sink) {
        this.probabilitySink = sink;
    }

    /** Inputs: {@code x [B, T, C]} and an additive attention bias broadcastable to {@code [B, H, T, T]}. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = new NDList(inputs.get(0));
        NDArray y = ScaledDotProductAttention.attend(
                heads(query.forward(store, x, training).singletonOrThrow()),
                heads(key.forward(store, x, training).singletonOrThrow()),
                heads(value.forward(store, x, training).singletonOrThrow()),
                inputs.get(1), config.dropout(), training, probabilitySink);
        y = outputDense.forward(store, new NDList(y), training).singletonOrThrow();
        return Dropout.dropout(y, config.dropout(), training);
    }

    /** {@code [B, T, C] -> [B, H, T, hs]}. */
    private NDArray heads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, config.numAttentionHeads(), config.headSize()).transpose(0, 2, 1, 3);
    }
}
