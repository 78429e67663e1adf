package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Optional;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftInsertion.Placement;
import org.fpt.spi.PeftSite;
import org.fpt.spi.PeftSite.Projection;
import org.fpt.spi.Bfloat16;

/**
 * {@code y = x W^T + b} over the last axis. The weight is stored {@code [out, in]} because the engine's
 * fused fully-connected kernel (oneDNN) wants that layout; GPT-2's Conv1D checkpoints store {@code [in, out]}
 * and are transposed once when loaded.
 *
 * <p>Every Dense of a body is a PEFT site ({@link PeftSite}): the family says what it computes
 * ({@link Projection}), and a PEFT method may {@link #insert} one block on its input or output. The inserted
 * block is an unnamed child, so its parameters sit directly under this layer's path
 * ({@code h.0.attn.c_attn.lora_a}); {@code W} and {@code b} are never touched by it until {@link #merge}.
 *
 * <p>With a frozen {@code W}, {@link #holdInBfloat16} makes the product run in bfloat16 ({@code --precision bf16}):
 * {@code W} (and {@code b} when it is frozen too) kept as a bfloat16 constant, {@code x} cast down, the engine's
 * fully-connected kernel accumulating in float32, the result cast back up. The gradient flows to {@code x} only,
 * and a trainable bias or a PEFT insertion stays float32. {@link #releaseFloat32} then frees the float32 copy,
 * so that bfloat16 halves the frozen weights' memory instead of adding to it.
 */
public final class Dense extends ShapedBlock {
    /** A child's name that adds no path segment: see {@link ParameterPaths}. */
    static final String INSERTION = "";

    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;
    private final List<Projection> projections;
    private PeftInsertion insertion;
    private boolean merged;
    private Bfloat16 bfloat16;
    private NDArray weightBf16;
    private NDArray biasBf16;
    private boolean float32Released;

    /** A projection of no particular kind (an adapter's layer). */
    public Dense(int in, int out) {
        this(in, out, Projection.OTHER);
    }

    /** A projection computing {@code parts} side by side (one part for a plain projection). */
    public Dense(int in, int out, Projection... parts) {
        this.in = in;
        this.out = out;
        this.projections = List.of(parts);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(out, in)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(out)).build());
    }

    /** This layer as a PEFT site at {@code path}, with the role and layer its body gives its weight. */
    public PeftSite site(String path, ParameterPath weightPath) {
        return new PeftSite(path, weightPath.role(), weightPath.layer(),
                in, out, projections);
    }

    /**
     * Inserts a PEFT method's block; call before the layer is initialised. One insertion per layer, and its
     * parameter names must not be this layer's own ({@code weight}, {@code bias}): both are errors naming the
     * layer's {@code path}.
     */
    public void insert(String path, PeftInsertion insertion) {
        if (this.insertion != null) {
            throw new IllegalStateException("Layer " + path + " already has an inserted " + this.insertion.block().getClass().getSimpleName());
        }
        for (Parameter p : insertion.block().getDirectParameters().values()) {
            if (p.getName().isEmpty() || getDirectParameters().keys().contains(p.getName())) {
                throw new IllegalArgumentException("The inserted " + insertion.block().getClass().getSimpleName() + " at " + path
                        + " names a parameter '" + p.getName() + "': its path would be " + path + "." + p.getName()
                        + ", which is the layer's own or not readable; give it a name of its own (e.g. lora_a)");
            }
        }
        addChildBlock(INSERTION, insertion.block());
        this.insertion = insertion;
    }

    public Optional<PeftInsertion> insertion() {
        return Optional.ofNullable(insertion);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        boolean active = insertion != null && !merged;
        NDArray projected = active && insertion.placement() == Placement.INPUT
                ? insertion.block().forward(store, new NDList(x), training).singletonOrThrow() : x;
        NDArray y = weightBf16 != null ? productInBfloat16(store, projected, training)
                : Linear.linear(projected, store.getValue(weight, x.getDevice(), training), store.getValue(bias, x.getDevice(), training))
                        .singletonOrThrow();
        if (active && insertion.placement() == Placement.OUTPUT) {
            y = insertion.block().forward(store, new NDList(x, y), training).singletonOrThrow();
        }
        return new NDList(y);
    }

    private NDArray productInBfloat16(ParameterStore store, NDArray x, boolean training) {
        NDArray y = bfloat16.widen(Linear.linear(bfloat16.narrow(x), weightBf16, biasBf16).singletonOrThrow());
        return biasBf16 != null ? y : y.add(store.getValue(bias, x.getDevice(), training));
    }

    /**
     * From now on multiplies through {@code W} in bfloat16 (see the class comment); call after the weights are
     * loaded, outside any gradient recording. Returns how many values are now held in bfloat16.
     */
    public long holdInBfloat16(Bfloat16 casts) {
        if (!weightFrozen()) {
            throw new IllegalStateException("Only a frozen weight can be held in bfloat16: this layer's weight trains");
        }
        if (float32Released) {
            throw new IllegalStateException("This layer's float32 weights were released: they cannot be narrowed again");
        }
        releaseBfloat16();
        bfloat16 = casts;
        weightBf16 = casts.narrow(weight.getArray());
        biasBf16 = bias.requiresGradient() ? null : casts.narrow(bias.getArray());
        return weight.getShape().size() + (biasBf16 == null ? 0 : bias.getShape().size());
    }

    /**
     * Frees the float32 {@code W} (and the frozen {@code b}) once they are held in bfloat16: the forward pass no
     * longer reads them. The parameters keep their closed arrays, so the engine's blocks still count them as
     * initialised (and never draw new values); a later read of their values fails. Merging a PEFT insertion and
     * exporting the body read them: a run that does either keeps them. Returns how many float32 values it freed.
     */
    public long releaseFloat32() {
        if (weightBf16 == null) {
            throw new IllegalStateException("Only weights held in bfloat16 can release their float32 copy");
        }
        long values = weight.getShape().size();
        weight.getArray().close();
        if (biasBf16 != null) {
            values += bias.getShape().size();
            bias.getArray().close();
        }
        float32Released = true;
        return values;
    }

    /** Whether {@link #releaseFloat32} freed this layer's float32 weights. */
    public boolean float32Released() {
        return float32Released;
    }

    /** Whether {@code W} is frozen, so that it may be held in bfloat16. */
    public boolean weightFrozen() {
        return !weight.requiresGradient();
    }

    public boolean heldInBfloat16() {
        return weightBf16 != null;
    }

    private void releaseBfloat16() {
        if (weightBf16 != null) {
            weightBf16.close();
            weightBf16 = null;
        }
        if (biasBf16 != null) {
            biasBf16.close();
            biasBf16 = null;
        }
    }

    /** The inserted block sees {@code x} (and {@code y} on the output), whatever shapes this layer was given. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (insertion == null) {
            return;
        }
        Shape x = inputShapes[0];
        Shape[] shapes = insertion.placement() == Placement.INPUT ? new Shape[] {x} : new Shape[] {x, getOutputShapes(inputShapes)[0]};
        insertion.block().initialize(manager, dataType, shapes);
    }

    /**
     * Folds the insertion into {@code W} and {@code b} for inference or export: afterwards the layer computes
     * {@code x W'^T + b'}, the same function in one matrix product. The inserted block's arrays are kept (and
     * ignored) so the parameter tree does not change. A block that is not {@link PeftInsertion.Mergeable} is an
     * error naming the layer.
     */
    public void merge(String path) {
        if (insertion == null || merged) {
            return;
        }
        if (float32Released) {
            throw new IllegalStateException("Cannot merge the insertion at " + path + " into its layer: the layer's float32 weights"
                    + " were released under --precision bf16 (a run that exports its body keeps them)");
        }
        if (!(insertion.block() instanceof PeftInsertion.Mergeable mergeable)) {
            throw new UnsupportedOperationException("The " + insertion.block().getClass().getName() + " inserted at " + path
                    + " cannot be merged into the layer's weight (it is not PeftInsertion.Mergeable)");
        }
        NDArray w = weight.getArray();
        NDArray b = bias.getArray();
        try (NDManager scratch = w.getManager().newSubManager()) {
            NDList result = mergeable.merge(w, b);
            result.attach(scratch);
            if (result.size() != 2 || !result.get(0).getShape().equals(w.getShape()) || !result.get(1).getShape().equals(b.getShape())) {
                throw new IllegalStateException("Merging the insertion at " + path + " gave shapes " + result.getShapes()
                        + ", expected " + w.getShape() + " and " + b.getShape());
            }
            float[] mergedWeight = result.get(0).toFloatArray();
            float[] mergedBias = result.get(1).toFloatArray();
            InPlace.copy(mergedWeight, w);
            InPlace.copy(mergedBias, b);
        }
        merged = true;
        if (bfloat16 != null) {
            holdInBfloat16(bfloat16); // the bfloat16 copy must follow the merged W
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape inShape = inputShapes[0];
        return new Shape[] {inShape.slice(0, inShape.dimension() - 1).add(out)};
    }
}
