package org.fpt.bodies.lstm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import org.fpt.model.ShapedBlock;

/**
 * One LSTM layer, with PyTorch's parameter names and gate order (input, forget, cell, output):
 * {@code weight_ih [4H, in]}, {@code weight_hh [4H, H]}, {@code bias_ih}, {@code bias_hh}, all uniform in
 * +-1/sqrt(H) as {@code nn.LSTM} starts them. Batch first: {@code [B, T, in] -> [B, T, H]}, zero initial state.
 */
public final class LstmLayer extends ShapedBlock {
    private final int hidden;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    public LstmLayer(int in, int hidden) {
        this.hidden = hidden;
        UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        weightIh = addParameter(parameter("weight_ih", Parameter.Type.WEIGHT, new Shape(4L * hidden, in), init));
        weightHh = addParameter(parameter("weight_hh", Parameter.Type.WEIGHT, new Shape(4L * hidden, hidden), init));
        biasIh = addParameter(parameter("bias_ih", Parameter.Type.BIAS, new Shape(4L * hidden), init));
        biasHh = addParameter(parameter("bias_hh", Parameter.Type.BIAS, new Shape(4L * hidden), init));
    }

    private static Parameter parameter(String name, Parameter.Type type, Shape shape, UniformInitializer init) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build();
    }

    /**
     * The engine's fused LSTM (libtorch's and MXNet's own recurrent kernels). Written out in Java, some ten engine
     * calls per token and layer, a CIFAR-10 LRA step (1,024 tokens, batch 16) took 183 s against 1.8 s fused, with the
     * same losses (fpt-bench/results/speed/lstm-fused-2026-12-07-amd-epyc-zen5.txt).
     * {@code training} must be the autograd mode (MXNet refuses a mismatch), which is what a block's forward gets.
     */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDList weights = new NDList(store.getValue(weightIh, device, training), store.getValue(weightHh, device, training),
                store.getValue(biasIh, device, training), store.getValue(biasHh, device, training));
        NDArray zeroState = x.getManager().zeros(new Shape(1, x.getShape().get(0), hidden), x.getDataType());
        NDList outputAndState = x.getNDArrayInternal().lstm(x, new NDList(zeroState, zeroState), weights, true, 1, 0.0, training,
                false, true);
        return new NDList(outputAndState.get(0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), hidden)};
    }
}
