package org.fpt.bench;

import org.fpt.bodies.gpt2.Gpt2Config;

/**
 * Floating-point operations of one step, counting a multiply-add as 2 and only the matrix products (the
 * element-wise ops, layer norms, softmax and Adam add well under 1%).
 *
 * <p>Forward: per token and layer {@code 2 * 12 C^2} in the four projections ({@code c_attn} 3C^2,
 * {@code attn.c_proj} C^2, {@code c_fc} 4C^2, {@code mlp.c_proj} 4C^2) plus {@code 4 T C} in the two attention
 * products; the input layer adds {@code 2 D C}. Backward: every product needs the gradient of its input
 * (1x forward); a trained weight also needs its own gradient (another 1x). So a frozen step (projections
 * frozen) costs {@code 2x} the projections and {@code 3x} the attention products, a full step {@code 3x} both:
 * the usual "6 N per token" for full training.
 */
public final class StepFlops {
    private StepFlops() {
    }

    /** Forward FLOPs of the projections (the frozen weights, under policy {@code fpt}). */
    static double projections(BenchShape s) {
        Gpt2Config c = s.body();
        return 2.0 * s.tokensPerStep() * 12.0 * c.nEmbd() * c.nEmbd() * c.nLayer();
    }

    /** Forward FLOPs of q k^T and att v (no weights). */
    static double attention(BenchShape s) {
        Gpt2Config c = s.body();
        return 4.0 * s.tokensPerStep() * s.tokens() * c.nEmbd() * c.nLayer();
    }

    /** Forward FLOPs of the trained input layer and head. */
    static double adapters(BenchShape s) {
        int c = s.body().nEmbd();
        return 2.0 * s.tokensPerStep() * s.inputDim() * c + 2.0 * s.batch() * c * s.classes();
    }

    public static double inference(BenchShape s) {
        return projections(s) + attention(s) + adapters(s);
    }

    /** A training step; the adapters always train (their input needs no gradient: 2x forward). */
    public static double trainStep(BenchShape s, boolean projectionsFrozen) {
        return (projectionsFrozen ? 2 : 3) * projections(s) + 3 * attention(s) + 2 * adapters(s);
    }
}
