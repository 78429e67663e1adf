package org.fpt.spi;

import ai.djl.ndarray.NDArray;

/**
 * How one engine holds arrays in bfloat16, for {@code --precision bf16}: the host keeps a frozen weight as a
 * bfloat16 constant ({@link #narrow} once, outside any gradient recording) and multiplies through it in
 * bfloat16 with float32 accumulation, casting its float32 input down and the product back up. Both casts
 * must be differentiable, so the gradient reaches the float32 input; everything that trains stays float32.
 *
 * <p>DJL's {@code DataType} cannot name bfloat16 on every engine (MXNet reads it as another type, PyTorch
 * aborts the process), so an engine's arrays in bfloat16 are handled only through this interface and
 * through shape-only operations ({@code Linear.linear}, reshape, transpose), never read back as values.
 */
public interface Bfloat16 {
    /** {@code x} rounded to bfloat16 (round to nearest even); differentiable. */
    NDArray narrow(NDArray x);

    /** {@code x} (bfloat16) widened to float32 exactly; differentiable. */
    NDArray widen(NDArray x);

    /**
     * Whether this device multiplies bfloat16 natively (a CPU with AVX512_BF16 or AMX, a GPU with bfloat16
     * units), with the evidence or the reason why not. {@code --precision auto} uses bfloat16 only then:
     * elsewhere the engine emulates it, slower than float32.
     */
    Backend.Availability hardware();
}
