package com.example.peft;

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

/** {@code --policy shift}: a learned vector added to the output of every attention output projection. */
public final class ShiftMethod implements PeftMethod {
    @Override
    public String name() {
        return "shift";
    }

    @Override
    public String description() {
        return "fpt plus a learned shift of each attention output (example plugin)";
    }

    @Override
    public Optional<PeftInsertion> insert(PeftSite site) {
        return site.computes(Projection.ATTENTION_OUTPUT)
                ? Optional.of(PeftInsertion.onOutput(new Shift(site.outFeatures()))) : Optional.empty();
    }

    /** {@code (x, y) -> y + shift}, zero at first; merged, the shift joins the projection's bias. */
    static final class Shift extends AbstractBlock implements PeftInsertion.Mergeable {
        private final Parameter shift;

        Shift(int features) {
            shift = addParameter(Parameter.builder().setName("shift").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(features)).optInitializer(new ConstantInitializer(0)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray y = inputs.get(1);
            return new NDList(y.add(store.getValue(shift, y.getDevice(), training)));
        }

        @Override
        public NDList merge(NDArray weight, NDArray bias) {
            return new NDList(weight.duplicate(), bias.add(shift.getArray()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[1]};
        }
    }
}
