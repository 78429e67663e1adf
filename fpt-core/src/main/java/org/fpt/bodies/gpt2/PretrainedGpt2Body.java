package org.fpt.bodies.gpt2;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/** A GPT-2 body whose weights are copied from an HF {@code model.safetensors} once its parameters exist. */
public final class PretrainedGpt2Body extends Gpt2Body {
    private final Path weights;

    public PretrainedGpt2Body(Gpt2Config config, Path weights) {
        super(config, "pretrained: " + weights);
        this.weights = weights;
    }

    public Path weights() {
        return weights;
    }

    @Override
    public void loadWeights(NDManager manager) {
        Gpt2Weights.load(model(), weights);
    }
}
