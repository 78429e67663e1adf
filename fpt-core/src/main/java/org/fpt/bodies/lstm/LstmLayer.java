package org.fpt.bodies.lstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fpt.model.ShapedBlock;

/**
 * One LSTM layer written out, with PyTorch's parameter names and gate order (input, forget, cell, output):
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

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray wHh = store.getValue(weightHh, x.getDevice(), training);
        NDArray bHh = store.getValue(biasHh, x.getDevice(), training);
        // The input half of every gate for all steps at once; only the recurrent half is sequential.
        NDArray xGates = Linear.linear(x, store.getValue(weightIh, x.getDevice(), training), store.getValue(biasIh, x.getDevice(), training))
                .singletonOrThrow();
        NDArray h = x.getManager().zeros(new Shape(b, hidden), x.getDataType());
        NDArray c = h;
        List<NDArray> outputs = new ArrayList<>((int) t);
        for (long step = 0; step < t; step++) {
            NDArray gates = xGates.get(new NDIndex(":, {}, :", step)).add(Linear.linear(h, wHh, bHh).singletonOrThrow());
            NDList split = gates.split(4, 1);
            NDArray i = Activation.sigmoid(split.get(0));
            NDArray f = Activation.sigmoid(split.get(1));
            NDArray g = split.get(2).tanh();
            NDArray o = Activation.sigmoid(split.get(3));
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh());
            outputs.add(h);
        }
        return new NDList(NDArrays.stack(new NDList(outputs), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), hidden)};
    }
}
