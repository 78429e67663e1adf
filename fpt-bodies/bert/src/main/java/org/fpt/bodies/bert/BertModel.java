package org.fpt.bodies.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fpt.model.AttentionMasks;
import org.fpt.model.Dense;
import org.fpt.model.HfInitialization;
import org.fpt.model.PeftSites;
import org.fpt.model.ShapedBlock;

/**
 * The BERT encoder on input embeddings: {@code embeddings} (positions, token type 0, LayerNorm), then
 * {@code encoder.layer.0 .. encoder.layer.(n-1)}, attention bidirectional. No pooler: the FPT head reads
 * hidden states. Parameter paths equal HF's checkpoint keys.
 *
 * <p>Inputs: {@code embeddings [B, T, C]} and optionally {@code keyMask [B, T]} (1 real, 0 padding).
 */
public final class BertModel extends ShapedBlock {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();

    public BertModel(BertConfig config) {
        this.config = config;
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("encoder.layer." + i, new BertLayer(config)));
        }
        // HF BertPreTrainedModel._init_weights: normal(0, 0.02) everywhere, no residual scaling.
        HfInitialization.apply(this, path -> 0.02);
    }

    public BertConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = embeddings.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray bias = AttentionMasks.bias(x, inputs.size() > 1 ? inputs.get(1) : null, false);
        for (BertLayer layer : layers) {
            x = layer.forward(store, new NDList(x, bias), training).singletonOrThrow();
        }
        return new NDList(x);
    }

    /**
     * Every parameter's shape, as HF's BertModel stores it: PyTorch's {@code nn.Linear} is {@code [out, in]}, as
     * {@link Dense} is. Parameters a PEFT method inserted are no checkpoint keys and are left out.
     */
    public Map<String, Shape> checkpointShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        PeftSites.baseParameters(this).forEach((path, parameter) -> shapes.put(path, parameter.getShape()));
        return shapes;
    }
}
