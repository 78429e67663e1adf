package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code y = x W^T + b} over the last axis. The weight is stored {@code [out, in]} because the engine's
 * fused fully-connected kernel (oneDNN) wants that layout; GPT-2's Conv1D checkpoints store {@code [in, out]}
 * and are transposed once when loaded (see {@link Gpt2Model#checkpointShapes()}).
 */
public final class Dense extends ShapedBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final int out;

    public Dense(int in, int out) {
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(out, in)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(out)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return Linear.linear(x, store.getValue(weight, x.getDevice(), training), store.getValue(bias, x.getDevice(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(out)};
    }
}
