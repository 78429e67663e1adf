package org.fpt.bodies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.AttentionBlock;
import org.fpt.model.Dense;
import org.fpt.model.Dropouts;
import org.fpt.spi.PeftSite.Projection;

/** Multi-head self-attention with GPT-2's fused {@code c_attn} (q, k, v in one projection). */
public final class Gpt2Attention extends AttentionBlock {
    private final Gpt2Config config;
    private final Dense cAttn;
    private final Dense cProj;

    public Gpt2Attention(Gpt2Config config) {
        this.config = config;
        cAttn = addChildBlock("c_attn", new Dense(config.nEmbd(), 3 * config.nEmbd(), Projection.QUERY, Projection.KEY, Projection.VALUE));
        cProj = addChildBlock("c_proj", new Dense(config.nEmbd(), config.nEmbd(), Projection.ATTENTION_OUTPUT));
    }

    /** Inputs: {@code x [B, T, C]} and an additive attention bias broadcastable to {@code [B, H, T, T]}. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray bias = inputs.get(1);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int h = config.nHead();
        int hs = config.headSize();

        // [B, T, 3C] -> 3 x [1, B, H, T, hs]: q, k, v per head. Split, not get(0..2): a split's backward pass is one
        // concatenation, while each get's writes its gradient into a zero-filled [3, B, H, T, hs] and sums the three.
        NDList qkv = cAttn.forward(store, new NDList(x), training).singletonOrThrow()
                .reshape(b, t, 3, h, hs).transpose(2, 0, 3, 1, 4).split(3, 0);
        NDArray y = attend(qkv.get(0).squeeze(0), qkv.get(1).squeeze(0), qkv.get(2).squeeze(0), bias, config.dropout(), training);
        y = cProj.forward(store, new NDList(y), training).singletonOrThrow();
        return new NDList(Dropouts.dropout(y, config.dropout(), training));
    }
}
