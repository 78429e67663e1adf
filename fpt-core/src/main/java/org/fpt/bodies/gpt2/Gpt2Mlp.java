package org.fpt.bodies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.Activations;
import org.fpt.model.Dense;
import org.fpt.model.Dropouts;
import org.fpt.model.ShapedBlock;
import org.fpt.spi.PeftSite.Projection;

/** GPT-2's feed-forward: {@code c_fc} (C -> 4C), gelu_new, {@code c_proj} (4C -> C), dropout. */
public final class Gpt2Mlp extends ShapedBlock {
    private final Gpt2Config config;
    private final Dense cFc;
    private final Dense cProj;

    public Gpt2Mlp(Gpt2Config config) {
        this.config = config;
        cFc = addChildBlock("c_fc", new Dense(config.nEmbd(), 4 * config.nEmbd(), Projection.FEED_FORWARD_UP));
        cProj = addChildBlock("c_proj", new Dense(4 * config.nEmbd(), config.nEmbd(), Projection.FEED_FORWARD_DOWN));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = cFc.forward(store, inputs, training).singletonOrThrow();
        x = cProj.forward(store, new NDList(Activations.geluTanh(x)), training).singletonOrThrow();
        return new NDList(Dropouts.dropout(x, config.dropout(), training));
    }
}
