package org.fpt.bodies.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.SeparateQkvAttention;

/**
 * BERT's attention sub-layer, post-norm: {@code LayerNorm(x + dropout(dense(attn(x))))}. Separate
 * {@code query}, {@code key}, {@code value} projections under {@code self}, the projection and norm under
 * {@code output}.
 */
public final class BertAttention extends SeparateQkvAttention {
    private final LayerNormBlock outputLayerNorm;

    public BertAttention(BertConfig config) {
        super("self", config.hidden(), config.heads(), config.dropout());
        outputLayerNorm = addChildBlock("output.LayerNorm", new LayerNormBlock(config.hidden(), config.layerNormEps()));
    }

    /** Inputs: {@code x [B, T, C]} and an additive attention bias broadcastable to {@code [B, H, T, T]}. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = super.forwardInternal(store, inputs, training, params).singletonOrThrow();
        return outputLayerNorm.forward(store, new NDList(inputs.get(0).add(y)), training);
    }
}
