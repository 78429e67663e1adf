package org.fpt.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftInsertion.Placement;

/**
 * IA3's learned scaling vector {@code ia3_l}, initialised to ones so the layer starts unchanged.
 * <ul>
 *   <li>On a projection's output ({@link #ofOutput}): scales the parts of the output it targets, e.g. the key and
 *       value thirds of GPT-2's fused {@code c_attn} (the query part is multiplied by 1); {@code ia3_l} holds
 *       one entry per feature of the targeted parts. Merged: {@code W' = diag(s) W}, {@code b' = s b}.</li>
 *   <li>On a projection's input ({@link #ofInput}): scales the feed-forward activation that enters the second
 *       feed-forward projection. Merged: {@code W' = W diag(l)}.</li>
 * </ul>
 */
public final class Ia3Scale extends AbstractBlock implements PeftInsertion.Mergeable {
    public static final String NAME = "ia3_l";

    private final Placement placement;
    private final List<Boolean> scaledParts;
    private final int partWidth;
    private final Parameter scale;

    private Ia3Scale(Placement placement, List<Boolean> scaledParts, int partWidth) {
        this.placement = placement;
        this.scaledParts = List.copyOf(scaledParts);
        this.partWidth = partWidth;
        long size = (long) partWidth * scaledParts.stream().filter(s -> s).count();
        scale = addParameter(Parameter.builder().setName(NAME).setType(Parameter.Type.WEIGHT).optShape(new Shape(size))
                .optInitializer(new ConstantInitializer(1)).build());
    }

    /** Scales the output's parts marked {@code true} (each {@code partWidth} wide), leaving the others as they are. */
    public static Ia3Scale ofOutput(List<Boolean> scaledParts, int partWidth) {
        if (!scaledParts.contains(true)) {
            throw new IllegalArgumentException("IA3 on an output needs at least one scaled part");
        }
        return new Ia3Scale(Placement.OUTPUT, scaledParts, partWidth);
    }

    /** Scales each of the {@code features} inputs of a projection. */
    public static Ia3Scale ofInput(int features) {
        return new Ia3Scale(Placement.INPUT, List.of(true), features);
    }

    public PeftInsertion insertion() {
        return new PeftInsertion(placement, this);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray target = inputs.get(placement == Placement.INPUT ? 0 : 1);
        NDArray l = store.getValue(scale, target.getDevice(), training);
        return new NDList(target.mul(perFeature(l, target.getManager())));
    }

    /**
     * One factor per feature of the scaled tensor: {@code l} itself when every part is scaled, else {@code l}'s
     * slices and ones side by side, built in {@code manager} (slices of a parameter are created in the
     * parameter's manager, so they are moved to the caller's, or they would outlive the step).
     */
    private NDArray perFeature(NDArray l, NDManager manager) {
        if (!scaledParts.contains(false)) {
            return l;
        }
        NDList pieces = new NDList();
        int next = 0;
        for (boolean scaled : scaledParts) {
            NDArray piece = scaled ? l.get(new NDIndex("{}:{}", next, next + partWidth)) : manager.ones(new Shape(partWidth), l.getDataType());
            piece.attach(manager);
            pieces.add(piece);
            next += scaled ? partWidth : 0;
        }
        NDArray factors = NDArrays.concat(pieces);
        factors.attach(manager);
        return factors;
    }

    @Override
    public NDList merge(NDArray weight, NDArray bias) {
        NDArray factors = perFeature(scale.getArray(), weight.getManager());
        if (placement == Placement.INPUT) {
            return new NDList(weight.mul(factors.reshape(1, -1)), bias.duplicate());
        }
        return new NDList(weight.mul(factors.reshape(-1, 1)), bias.mul(factors));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[placement == Placement.INPUT ? 0 : 1]};
    }
}
