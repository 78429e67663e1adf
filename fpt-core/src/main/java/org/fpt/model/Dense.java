package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import org.fpt.spi.Bfloat16;

/**
 * {@code y = x W^T + b} over the last axis. The weight is stored {@code [out, in]} because the engine's
 * fused fully-connected kernel (oneDNN) wants that layout; GPT-2's Conv1D checkpoints store {@code [in, out]}
 * and are transposed once when loaded (see {@link Gpt2Model#checkpointShapes()}).
 *
 * <p>Optionally with a LoRA adapter ({@link #addLowRankAdapter}): {@code y = x W^T + b + s (x A^T) B^T} with
 * {@code A [r, in]}, {@code B [out, r]}, {@code s = alpha / r}. {@code W} itself is never touched by the
 * adapter; {@link #mergeLowRankAdapter()} folds the update into {@code W} for inference.
 *
 * <p>With a frozen {@code W}, {@link #holdInBfloat16} makes the product run in bfloat16 ({@code --precision bf16}):
 * {@code W} (and {@code b} when it is frozen too) kept as a bfloat16 constant, {@code x} cast down, the engine's
 * fully-connected kernel accumulating in float32, the result cast back up. The gradient flows to {@code x} only,
 * and a trainable bias or adapter stays float32.
 */
public final class Dense extends ShapedBlock {
    public static final String LORA_A = "lora_a";
    public static final String LORA_B = "lora_b";

    private final Parameter weight;
    private final Parameter bias;
    private final int in;
    private final int out;
    private Parameter loraA;
    private Parameter loraB;
    private float loraScale;
    private boolean merged;
    private Bfloat16 bfloat16;
    private NDArray weightBf16;
    private NDArray biasBf16;

    public Dense(int in, int out) {
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(out, in)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(out)).build());
    }

    /** Whether a parameter name (a path's last segment) is a LoRA adapter's. */
    public static boolean isAdapter(String leaf) {
        return leaf.equals(LORA_A) || leaf.equals(LORA_B);
    }

    /**
     * Adds the adapter pair; call before the block is initialised. {@code A} starts as normal(0, 1/sqrt(in))
     * so its rows have unit-scale outputs, {@code B} at zero so the layer starts unchanged (as in the paper).
     */
    public void addLowRankAdapter(int rank, float alpha) {
        if (loraA != null) {
            throw new IllegalStateException("This layer already has a low-rank adapter");
        }
        loraA = addParameter(Parameter.builder().setName(LORA_A).setType(Parameter.Type.WEIGHT).optShape(new Shape(rank, in))
                .optInitializer(new NormalInitializer((float) (1 / Math.sqrt(in)))).build());
        loraB = addParameter(Parameter.builder().setName(LORA_B).setType(Parameter.Type.WEIGHT).optShape(new Shape(out, rank))
                .optInitializer(new ConstantInitializer(0)).build());
        loraScale = alpha / rank;
    }

    public boolean hasLowRankAdapter() {
        return loraA != null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = weightBf16 != null ? productInBfloat16(store, x, training)
                : Linear.linear(x, store.getValue(weight, x.getDevice(), training), store.getValue(bias, x.getDevice(), training))
                        .singletonOrThrow();
        if (loraA != null && !merged) {
            NDArray down = Linear.linear(x, store.getValue(loraA, x.getDevice(), training)).singletonOrThrow();
            NDArray up = Linear.linear(down, store.getValue(loraB, x.getDevice(), training)).singletonOrThrow();
            y = y.add(up.mul(loraScale));
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
        releaseBfloat16();
        bfloat16 = casts;
        weightBf16 = casts.narrow(weight.getArray());
        biasBf16 = bias.requiresGradient() ? null : casts.narrow(bias.getArray());
        return weight.getArray().size() + (biasBf16 == null ? 0 : bias.getArray().size());
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

    /** {@code W + s B A} as {@code [out, in]} floats: the weight this layer applies (just {@code W} without adapter). */
    public float[] effectiveWeight() {
        NDArray w = weight.getArray();
        if (loraA == null || merged) {
            return w.toFloatArray();
        }
        try (NDManager scratch = w.getManager().newSubManager()) {
            NDArray delta = loraB.getArray().matMul(loraA.getArray()).mul(loraScale);
            delta.attach(scratch);
            NDArray sum = w.add(delta);
            sum.attach(scratch);
            return sum.toFloatArray();
        }
    }

    /**
     * Folds the adapter into {@code W} for inference: afterwards the layer computes {@code x W'^T + b} with
     * {@code W' = W + s B A}, the same function in one matrix product. The adapter's arrays are kept (and
     * ignored) so the parameter tree does not change.
     */
    public void mergeLowRankAdapter() {
        if (loraA == null || merged) {
            return;
        }
        weight.getArray().set(FloatBuffer.wrap(effectiveWeight()));
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
