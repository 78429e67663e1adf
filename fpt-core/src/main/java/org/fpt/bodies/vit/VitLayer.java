package org.fpt.bodies.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.Activations;
import org.fpt.model.Dense;
import org.fpt.model.Dropouts;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.ShapedBlock;
import org.fpt.spi.PeftSite.Projection;

/**
 * A pre-LayerNorm ViT block: {@code x + attention(layernorm_before(x))}, then
 * {@code x + output.dense(gelu(intermediate.dense(layernorm_after(x))))} with the exact (erf) GELU.
 */
public final class VitLayer extends ShapedBlock {
    private final VitConfig config;
    private final LayerNormBlock layernormBefore;
    private final VitAttention attention;
    private final LayerNormBlock layernormAfter;
    private final Dense intermediate;
    private final Dense output;

    public VitLayer(VitConfig config) {
        this.config = config;
        layernormBefore = addChildBlock("layernorm_before", new LayerNormBlock(config.hiddenSize(), config.layerNormEps()));
        attention = addChildBlock("attention", new VitAttention(config));
        layernormAfter = addChildBlock("layernorm_after", new LayerNormBlock(config.hiddenSize(), config.layerNormEps()));
        intermediate = addChildBlock("intermediate.dense", new Dense(config.hiddenSize(), config.intermediateSize(), Projection.FEED_FORWARD_UP));
        output = addChildBlock("output.dense", new Dense(config.intermediateSize(), config.hiddenSize(), Projection.FEED_FORWARD_DOWN));
    }

    /** Inputs: {@code x [B, T, C]} and the attention bias. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray a = layernormBefore.forward(store, new NDList(x), training).singletonOrThrow();
        x = x.add(attention.forward(store, new NDList(a, inputs.get(1)), training).singletonOrThrow());
        NDArray m = layernormAfter.forward(store, new NDList(x), training).singletonOrThrow();
        m = Activations.geluErf(intermediate.forward(store, new NDList(m), training).singletonOrThrow());
        m = output.forward(store, new NDList(m), training).singletonOrThrow();
        return new NDList(x.add(Dropouts.dropout(m, config.dropout(), training)));
    }
}
