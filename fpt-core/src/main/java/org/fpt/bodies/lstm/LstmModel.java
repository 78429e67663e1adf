package org.fpt.bodies.lstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.ShapedBlock;

/**
 * The paper's recurrent baseline: {@code layers} LSTM layers of one width, each followed by a LayerNorm
 * ({@code lstm.N}, {@code ln.N}). It reads left to right, so right padding never reaches a valid position
 * and the key mask is not needed; the last valid output has seen the whole input. Each layer is the engine's fused LSTM
 * ({@link LstmLayer}) with PyTorch's parameter names and gate order, so it reads like the paper's {@code nn.LSTM}.
 */
public final class LstmModel extends ShapedBlock {
    private final List<LstmLayer> lstm = new ArrayList<>();
    private final List<LayerNormBlock> ln = new ArrayList<>();

    public LstmModel(int layers, int width) {
        for (int i = 0; i < layers; i++) {
            lstm.add(addChildBlock("lstm." + i, new LstmLayer(width, width)));
            ln.add(addChildBlock("ln." + i, new LayerNormBlock(width, 1e-5f)));
        }
    }

    /** Inputs: {@code x [B, T, width]} (a key mask, if given, is ignored: see the class comment). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        for (int i = 0; i < lstm.size(); i++) {
            NDArray h = lstm.get(i).forward(store, new NDList(x), training).singletonOrThrow();
            x = ln.get(i).forward(store, new NDList(h), training).singletonOrThrow();
        }
        return new NDList(x);
    }
}
