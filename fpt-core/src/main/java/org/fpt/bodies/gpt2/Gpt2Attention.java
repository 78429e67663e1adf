package org.fpt.bodies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.AttentionBlock;
import org.fpt.model.Dense;
import org.fpt.model.Engines;
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

        // [B, T, 3C] -> [3, B, H, T, hs]: q, k, v per head
        NDArray qkv = cAttn.forward(store, new NDList(x), training).singletonOrThrow()
                .reshape(b, t, 3, h, hs).transpose(2, 0, 3, 1, 4);
        NDList heads = separate(qkv);
        NDArray y = attend(heads.get(0), heads.get(1), heads.get(2), bias, config.dropout(), training);
        y = cProj.forward(store, new NDList(y), training).singletonOrThrow();
        return new NDList(Dropouts.dropout(y, config.dropout(), training));
    }

    /**
     * q, k and v out of {@code [3, B, H, T, hs]}. On PyTorch by a split, whose backward pass is one concatenation:
     * three selects would each write their gradient into a zero-filled {@code [3, B, H, T, hs]} and sum the three
     * (17 ms of a GPT-2-small step). On MXNet the selects are the faster (a split made its step 14 % slower), as
     * measured in fpt-bench/README.md, issue 12, session 6.
     */
    private static NDList separate(NDArray qkv) {
        if (!Engines.isPyTorch(qkv)) {
            return new NDList(qkv.get(0), qkv.get(1), qkv.get(2));
        }
        NDList split = qkv.split(3, 0);
        return new NDList(split.get(0).squeeze(0), split.get(1).squeeze(0), split.get(2).squeeze(0));
    }
}
