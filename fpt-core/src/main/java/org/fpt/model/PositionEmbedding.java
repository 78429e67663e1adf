package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Learned absolute positions ({@code wpe}, BERT's {@code position_embeddings}): adds row t to token t. */
public final class PositionEmbedding extends ShapedBlock {
    private final Parameter weight;
    private final int positions;

    public PositionEmbedding(int positions, int width) {
        this.positions = positions;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(positions, width)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long t = x.getShape().get(1);
        if (t > positions) {
            throw new IllegalArgumentException("Sequence of " + t + " tokens is longer than the body's " + positions + " positions");
        }
        NDArray rows = store.getValue(weight, x.getDevice(), training).get(new NDIndex(":{}", t));
        // The slice is created in the parameter's manager: hand it to the step's, or it outlives the step.
        rows.attach(x.getManager());
        return new NDList(x.add(rows));
    }
}
