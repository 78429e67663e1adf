package org.fpt.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.function.ToDoubleFunction;

/**
 * HF's {@code _init_weights} as both families use it: weights and embeddings normal(0, std), biases 0,
 * LayerNorm scale 1 and shift 0. The family picks the std per parameter path.
 */
public final class HfInitialization {
    private HfInitialization() {
    }

    public static void apply(Block root, ToDoubleFunction<String> weightStd) {
        ParameterPaths.of(root).forEach((path, parameter) -> {
            if (parameter.getType() == Parameter.Type.BIAS || parameter.getType() == Parameter.Type.BETA) {
                parameter.setInitializer(new ConstantInitializer(0));
            } else if (parameter.getType() == Parameter.Type.GAMMA) {
                parameter.setInitializer(new ConstantInitializer(1));
            } else {
                parameter.setInitializer(new NormalInitializer((float) weightStd.applyAsDouble(path)));
            }
        });
    }
}
