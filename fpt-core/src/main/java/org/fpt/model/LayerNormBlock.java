package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LayerNorm over the last axis with HF's parameter names ({@code weight}, {@code bias}) rather than DJL's
 * ({@code gamma}, {@code beta}), so parameter paths equal checkpoint keys.
 */
public final class LayerNormBlock extends ShapedBlock {
    private final int size;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNormBlock(int size, float eps) {
        this.size = size;
        this.eps = eps;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA).optShape(new Shape(size)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA).optShape(new Shape(size)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray gamma = store.getValue(weight, x.getDevice(), training);
        NDArray beta = store.getValue(bias, x.getDevice(), training);
        return LayerNorm.layerNorm(x, new Shape(size), gamma, beta, eps);
    }
}
