package org.fpt.adapters;

import ai.djl.nn.Block;
import org.fpt.model.Dense;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;

/** Vectors per token (bits, image patches) through one linear layer, orthogonal init with gain 1.41. */
public final class LinearAdapter implements ModalityAdapter {
    static final float GAIN = 1.41f;

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "linear input layer for vector tokens (orthogonal init, gain 1.41), linear head";
    }

    @Override
    public boolean supports(InputSpec input) {
        return !input.isTokenIds();
    }

    @Override
    public Block inputLayer(InputSpec input, int hiddenSize) {
        Dense layer = new Dense(input.valueDim(), hiddenSize);
        layer.setInitializer(new OrthogonalInitializer(GAIN), "weight");
        layer.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0), "bias");
        return layer;
    }
}
