package org.fpt.bodies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fpt.model.AttentionMasks;
import org.fpt.model.Dropouts;
import org.fpt.model.HfInitialization;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.PeftSites;
import org.fpt.model.PositionEmbedding;
import org.fpt.model.PositionTables;
import org.fpt.model.ShapedBlock;

/**
 * The GPT-2 body on input embeddings: {@code wpe}, the blocks {@code h.0 .. h.(n-1)}, {@code ln_f}.
 * Parameter paths equal HF's checkpoint keys.
 *
 * <p>Inputs: {@code embeddings [B, T, C]} and optionally {@code keyMask [B, T]} (1 real, 0 padding).
 */
public final class Gpt2Model extends ShapedBlock {
    /** The position table's path: HF's key. */
    public static final String WPE = "wpe.weight";

    private final Gpt2Config config;
    private final int pretrainedPositions;
    private final PositionEmbedding wpe;
    private final List<Gpt2Block> h = new ArrayList<>();
    private final LayerNormBlock lnF;

    public Gpt2Model(Gpt2Config config) {
        this(config, config.nPositions());
    }

    /**
     * A model whose {@code wpe} was extended from a checkpoint's {@code pretrainedPositions} rows to
     * {@code config.nPositions()} ({@link PositionTables}): weights are read with the shorter table.
     */
    public Gpt2Model(Gpt2Config config, int pretrainedPositions) {
        this.config = config;
        this.pretrainedPositions = pretrainedPositions;
        wpe = addChildBlock("wpe", new PositionEmbedding(config.nPositions(), config.nEmbd()));
        for (int i = 0; i < config.nLayer(); i++) {
            h.add(addChildBlock("h." + i, new Gpt2Block(config)));
        }
        lnF = addChildBlock("ln_f", new LayerNormBlock(config.nEmbd(), config.layerNormEps()));
        initializeLikeGpt2();
    }

    public Gpt2Config config() {
        return config;
    }

    public int pretrainedPositions() {
        return pretrainedPositions;
    }

    /** {@link #checkpointShapes()} as a pretrained checkpoint holds them: {@code wpe} with its own row count. */
    public Map<String, Shape> pretrainedShapes() {
        Map<String, Shape> shapes = checkpointShapes();
        shapes.put(WPE, new Shape(pretrainedPositions, config.nEmbd()));
        return shapes;
    }

    /** A pretrained {@code wpe} table ({@link #pretrainedShapes()}) extended to this model's positions. */
    public float[] extendPositions(float[] pretrained) {
        return PositionTables.extend(pretrained, config.nEmbd(), 0, config.nPositions());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = wpe.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        x = Dropouts.dropout(x, config.dropout(), training);
        NDArray bias = AttentionMasks.bias(x, inputs.size() > 1 ? inputs.get(1) : null, true);
        for (Gpt2Block block : h) {
            x = block.forward(store, new NDList(x, bias), training).singletonOrThrow();
        }
        return lnF.forward(store, new NDList(x), training);
    }

    /** HF's {@code _init_weights}: normal(0, 0.02), residual projections scaled by 1/sqrt(2 n_layer). */
    private void initializeLikeGpt2() {
        float residualStd = (float) (0.02 / Math.sqrt(2.0 * config.nLayer()));
        HfInitialization.apply(this, path -> path.endsWith("c_proj.weight") ? residualStd : 0.02f);
    }

    /**
     * Every parameter's shape as HF stores it: Conv1D weights ({@code c_attn}, {@code c_proj}, {@code c_fc})
     * are {@code [in, out]} there and {@code [out, in]} here. Parameters a PEFT method inserted are left out:
     * the GPT-2 layout has no place for them.
     */
    public Map<String, Shape> checkpointShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        PeftSites.baseParameters(this).forEach((path, parameter) -> {
            Shape shape = parameter.getShape();
            shapes.put(path, isConv1dWeight(path) ? new Shape(shape.get(1), shape.get(0)) : shape);
        });
        return shapes;
    }

    public static boolean isConv1dWeight(String path) {
        String[] segments = path.split("\\.");
        int n = segments.length;
        return n >= 2 && segments[n - 1].equals("weight") && CONV1D.contains(segments[n - 2]);
    }

    private static final Set<String> CONV1D = Set.of("c_attn", "c_proj", "c_fc");
}
