package org.fpt.bodies.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.Dropouts;
import org.fpt.model.ShapedBlock;

/**
 * ViT's {@code embeddings} without the patch projection: prepends {@code cls_token [1, 1, C]} to the patch
 * embeddings and adds {@code position_embeddings [1, N + 1, C]} (row 0 for CLS). {@code [B, T, C] -> [B, T + 1, C]}.
 */
public final class VitEmbeddings extends ShapedBlock {
    private final VitConfig config;
    private final Parameter clsToken;
    private final Parameter positionEmbeddings;

    public VitEmbeddings(VitConfig config) {
        this.config = config;
        clsToken = addParameter(Parameter.builder().setName("cls_token").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, config.hiddenSize())).build());
        positionEmbeddings = addParameter(Parameter.builder().setName("position_embeddings").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, config.numPatches() + 1, config.hiddenSize())).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        if (t > config.numPatches()) {
            throw new IllegalArgumentException("Sequence of " + t + " tokens is longer than the body's " + config.numPatches() + " patches");
        }
        // Parameter slices are created in the parameter's manager: hand them to the step's.
        NDArray cls = store.getValue(clsToken, x.getDevice(), training).broadcast(b, 1, config.hiddenSize());
        cls.attach(x.getManager());
        NDArray rows = store.getValue(positionEmbeddings, x.getDevice(), training).get(new NDIndex(":, :{}, :", t + 1));
        rows.attach(x.getManager());
        NDArray embeddings = NDArrays.concat(new NDList(cls, x), 1).add(rows);
        return new NDList(Dropouts.dropout(embeddings, config.dropout(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1) + 1, in.get(2))};
    }
}
