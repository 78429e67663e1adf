package org.fpt.bodies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.ShapedBlock;

/** A pre-LayerNorm transformer block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}. */
public final class Gpt2Block extends ShapedBlock {
    private final LayerNormBlock ln1;
    private final Gpt2Attention attn;
    private final LayerNormBlock ln2;
    private final Gpt2Mlp mlp;

    public Gpt2Block(Gpt2Config config) {
        ln1 = addChildBlock("ln_1", new LayerNormBlock(config.nEmbd(), config.layerNormEps()));
        attn = addChildBlock("attn", new Gpt2Attention(config));
        ln2 = addChildBlock("ln_2", new LayerNormBlock(config.nEmbd(), config.layerNormEps()));
        mlp = addChildBlock("mlp", new Gpt2Mlp(config));
    }

    /** Inputs: {@code x [B, T, C]} and the attention bias. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray bias = inputs.get(1);
        NDArray a = ln1.forward(store, new NDList(x), training).singletonOrThrow();
        x = x.add(attn.forward(store, new NDList(a, bias), training).singletonOrThrow());
        NDArray m = ln2.forward(store, new NDList(x), training).singletonOrThrow();
        return new NDList(x.add(mlp.forward(store, new NDList(m), training).singletonOrThrow()));
    }
}
