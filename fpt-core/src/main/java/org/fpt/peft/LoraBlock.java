package org.fpt.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.fpt.model.Scalars;
import org.fpt.spi.PeftInsertion;

/**
 * LoRA's update on a projection's output: {@code (x, y) -> y + s (x A^T) B^T} with {@code A [r, in]},
 * {@code B [out, r]}, {@code s = alpha / r}. {@code A} starts as normal(0, 1/sqrt(in)) so its rows have
 * unit-scale outputs, {@code B} at zero so the layer starts unchanged (as in the paper). Merged, the layer's
 * weight becomes {@code W + s B A}.
 */
public final class LoraBlock extends AbstractBlock implements PeftInsertion.Mergeable {
    public static final String A = "lora_a";
    public static final String B = "lora_b";

    private final Parameter down;
    private final Parameter up;
    private final float scale;

    public LoraBlock(int in, int out, int rank, float alpha) {
        down = addParameter(Parameter.builder().setName(A).setType(Parameter.Type.WEIGHT).optShape(new Shape(rank, in))
                .optInitializer(new NormalInitializer((float) (1 / Math.sqrt(in)))).build());
        up = addParameter(Parameter.builder().setName(B).setType(Parameter.Type.WEIGHT).optShape(new Shape(out, rank))
                .optInitializer(new ConstantInitializer(0)).build());
        scale = alpha / rank;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray low = Linear.linear(x, store.getValue(down, x.getDevice(), training)).singletonOrThrow();
        NDArray update = Linear.linear(low, store.getValue(up, x.getDevice(), training)).singletonOrThrow();
        return new NDList(inputs.get(1).add(Scalars.times(update, scale)));
    }

    /** {@code W + s B A}; the bias is unchanged. */
    @Override
    public NDList merge(NDArray weight, NDArray bias) {
        NDArray delta = up.getArray().matMul(down.getArray()).mul(scale);
        return new NDList(weight.add(delta), bias.duplicate());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[1]};
    }
}
