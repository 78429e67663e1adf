package org.fpt.bodies.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fpt.model.AttentionMasks;
import org.fpt.model.HfInitialization;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.PositionTables;
import org.fpt.model.ShapedBlock;

/**
 * The ViT body on patch embeddings: {@code embeddings} (CLS + positions), the blocks
 * {@code encoder.layer.0 .. n-1}, {@code layernorm}. Parameter paths equal HF's checkpoint keys without the
 * {@code vit.} prefix ({@code encoder.layer.0.attention.attention.query.weight}).
 *
 * <p>Inputs: {@code embeddings [B, T, C]} and optionally {@code keyMask [B, T]}. As an FPT body it returns
 * the states of the T input tokens {@code [B, T, C]}; the CLS token takes part in attention as in
 * pretraining, and {@link #sequence} gives the whole {@code [B, T + 1, C]} (HF's {@code last_hidden_state}).
 */
public final class VitModel extends ShapedBlock {
    /** The position table's path (HF's key without {@code vit.}): {@code [1, 1 + patches, C]}, CLS first. */
    public static final String POSITIONS = "embeddings.position_embeddings";

    private final VitConfig config;
    private final int pretrainedPatches;
    private final VitEmbeddings embeddings;
    private final List<VitLayer> layers = new ArrayList<>();
    private final LayerNormBlock layernorm;

    public VitModel(VitConfig config) {
        this(config, config.numPatches());
    }

    /** A model whose position table was extended from a checkpoint's {@code pretrainedPatches} rows (+ CLS). */
    public VitModel(VitConfig config, int pretrainedPatches) {
        this.config = config;
        this.pretrainedPatches = pretrainedPatches;
        embeddings = addChildBlock("embeddings", new VitEmbeddings(config));
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(addChildBlock("encoder.layer." + i, new VitLayer(config)));
        }
        layernorm = addChildBlock("layernorm", new LayerNormBlock(config.hiddenSize(), config.layerNormEps()));
        HfInitialization.apply(this, path -> 0.02); // HF truncates the normal at 2 std; not here
    }

    public VitConfig config() {
        return config;
    }

    public int pretrainedPatches() {
        return pretrainedPatches;
    }

    /** A parameter's shape as a pretrained checkpoint holds it: the position table with its own row count. */
    public Shape pretrainedShape(String path, Shape shape) {
        return path.equals(POSITIONS) ? new Shape(1, pretrainedPatches + 1, config.hiddenSize()) : shape;
    }

    /** A pretrained parameter's values for this model: the position table extended (CLS row kept). */
    public float[] fromPretrained(String path, float[] values) {
        return path.equals(POSITIONS) ? PositionTables.extend(values, config.hiddenSize(), 1, config.numPatches()) : values;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray all = sequence(store, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training);
        return new NDList(all.get(new NDIndex(":, 1:, :")));
    }

    /** {@code [B, T, C]} patch embeddings to {@code [B, T + 1, C]} final states, CLS first. */
    public NDArray sequence(ParameterStore store, NDArray patches, NDArray keyMask, boolean training) {
        NDArray x = embeddings.forward(store, new NDList(patches), training).singletonOrThrow();
        NDArray mask = null;
        if (keyMask != null) {
            NDArray clsIsReal = keyMask.getManager().ones(new Shape(keyMask.getShape().get(0), 1), keyMask.getDataType());
            mask = NDArrays.concat(new NDList(clsIsReal, keyMask), 1);
        }
        NDArray bias = AttentionMasks.bias(x, mask, false);
        for (VitLayer layer : layers) {
            x = layer.forward(store, new NDList(x, bias), training).singletonOrThrow();
        }
        return layernorm.forward(store, new NDList(x), training).singletonOrThrow();
    }
}
