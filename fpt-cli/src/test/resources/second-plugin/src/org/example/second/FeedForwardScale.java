package org.example.second;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Optional;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.PeftSite;
import org.fpt.spi.PeftSite.Projection;

/** {@code --policy ff-scale}: a learned per-feature scale, one at first, on every feed-forward up projection's output. */
public final class FeedForwardScale implements PeftMethod {
    @Override
    public String name() {
        return "ff-scale";
    }

    @Override
    public String description() {
        return "fpt plus a learned scale of each feed-forward up projection (second test plugin)";
    }

    @Override
    public Optional<PeftInsertion> insert(PeftSite site) {
        return site.computes(Projection.FEED_FORWARD_UP)
                ? Optional.of(PeftInsertion.onOutput(new Scale(site.outFeatures()))) : Optional.empty();
    }

    /** {@code (x, y) -> y * scale}; merged, the scale multiplies the projection's rows and bias. */
    static final class Scale extends AbstractBlock implements PeftInsertion.Mergeable {
        private final Parameter scale;

        Scale(int features) {
            scale = addParameter(Parameter.builder().setName("ff_scale").setType(Parameter.Type.GAMMA)
                    .optShape(new Shape(features)).optInitializer(new ConstantInitializer(1)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray y = inputs.get(1);
            return new NDList(y.mul(store.getValue(scale, y.getDevice(), training)));
        }

        @Override
        public NDList merge(NDArray weight, NDArray bias) {
            NDArray s = scale.getArray();
            return new NDList(weight.mul(s.expandDims(1)), bias.mul(s));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[1]};
        }
    }
}
