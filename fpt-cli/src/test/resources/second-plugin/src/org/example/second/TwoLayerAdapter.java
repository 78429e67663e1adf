package org.example.second;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;

/** {@code Linear -> GELU -> Linear} on each token's values, built the plain DJL way. */
public final class TwoLayerAdapter implements ModalityAdapter {
    static final String NAME = "two-layer";
    /** Width of the layer between the two projections. */
    public static final int MIDDLE = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Linear, GELU, Linear on value inputs (second test plugin)";
    }

    @Override
    public boolean supports(InputSpec input) {
        return !input.isTokenIds();
    }

    @Override
    public Block inputLayer(InputSpec input, int hiddenSize) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(MIDDLE).build())
                .add(Activation::gelu)
                .add(Linear.builder().setUnits(hiddenSize).build());
    }
}
