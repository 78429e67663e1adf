package org.fpt.bodies.bert;

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
 * A post-LayerNorm BERT block: {@code a = attention(x)} (norm inside), then
 * {@code LayerNorm(a + dense(gelu(intermediate(a))))}. The feed-forward's parameters sit under two
 * checkpoint prefixes ({@code intermediate}, {@code output}), so they are children here, not a sub-block.
 */
public final class BertLayer extends ShapedBlock {
    private final BertConfig config;
    private final BertAttention attention;
    private final Dense intermediate;
    private final Dense output;
    private final LayerNormBlock outputLayerNorm;

    public BertLayer(BertConfig config) {
        this.config = config;
        attention = addChildBlock("attention", new BertAttention(config));
        intermediate = addChildBlock("intermediate.dense", new Dense(config.hidden(), config.intermediate(), Projection.FEED_FORWARD_UP));
        output = addChildBlock("output.dense", new Dense(config.intermediate(), config.hidden(), Projection.FEED_FORWARD_DOWN));
        outputLayerNorm = addChildBlock("output.LayerNorm", new LayerNormBlock(config.hidden(), config.layerNormEps()));
    }

    /** Inputs: {@code x [B, T, C]} and the attention bias. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray a = attention.forward(store, inputs, training).singletonOrThrow();
        NDArray m = intermediate.forward(store, new NDList(a), training).singletonOrThrow();
        m = output.forward(store, new NDList(Activations.geluErf(m)), training).singletonOrThrow();
        m = Dropouts.dropout(m, config.dropout(), training);
        return outputLayerNorm.forward(store, new NDList(a.add(m)), training);
    }
}
