package org.fpt.bodies.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.ShapedBlock;

/**
 * BERT's {@code token_type_embeddings}: every FPT input is one segment, so row 0 is added to every token
 * (row 1 exists only so pretrained checkpoints load one-to-one).
 */
public final class TokenTypeEmbedding extends ShapedBlock {
    private final Parameter weight;

    public TokenTypeEmbedding(int types, int width) {
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(types, width)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray segmentA = store.getValue(weight, x.getDevice(), training).get(0);
        // Created in the parameter's manager: hand it to the step's, or it outlives the step.
        segmentA.attach(x.getManager());
        return new NDList(x.add(segmentA));
    }
}
