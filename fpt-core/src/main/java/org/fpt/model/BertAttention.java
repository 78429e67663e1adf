package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Consumer;

/**
 * BERT's attention sub-layer, post-norm: {@code LayerNorm(x + dense(attn(x)))}. Separate {@code query},
 * {@code key}, {@code value} projections under {@code self}, the projection and norm under {@code output}.
 */
public final class BertAttention extends ShapedBlock implements RecordsAttention {
    private final BertConfig config;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense outputDense;
    /** Opt-in: receives each forward's attention probabilities; null (the default) costs nothing. */
    private Consumer<NDArray> probabilitySink;
    private final LayerNormBlock outputLayerNorm;

    public BertAttention(BertConfig config) {
        this.config = config;
        int c = config.hidden();
        query = addChildBlock("self.query", new Dense(c, c));
        key = addChildBlock("self.key", new Dense(c, c));
        value = addChildBlock("self.value", new Dense(c, c));
        outputDense = addChildBlock("output.dense", new Dense(c, c));
        outputLayerNorm = addChildBlock("output.LayerNorm", new LayerNormBlock(c, config.layerNormEps()));
    }

    @Override
    public void recordProbabilities(Consumer<NDArray> sink) {
        this.probabilitySink = sink;
    }

    /** Inputs: {@code x [B, T, C]} and an additive attention bias broadcastable to {@code [B, H, T, T]}. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray bias = inputs.get(1);
        NDArray q = heads(query.forward(store, new NDList(x), training).singletonOrThrow());
        NDArray k = heads(key.forward(store, new NDList(x), training).singletonOrThrow());
        NDArray v = heads(value.forward(store, new NDList(x), training).singletonOrThrow());
        NDArray y = ScaledDotProductAttention.attend(q, k, v, bias, config.dropout(), training, probabilitySink);
        y = outputDense.forward(store, new NDList(y), training).singletonOrThrow();
        y = Dropout.dropout(y, config.dropout(), training).singletonOrThrow();
        return outputLayerNorm.forward(store, new NDList(x.add(y)), training);
    }

    /** {@code [B, T, C] -> [B, H, T, hs]}. */
    private NDArray heads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, config.heads(), config.headSize()).transpose(0, 2, 1, 3);
    }
}
