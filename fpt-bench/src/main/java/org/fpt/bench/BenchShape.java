package org.fpt.bench;

import java.util.List;
import org.fpt.bodies.gpt2.Gpt2Config;

/**
 * What a benchmark runs: a GPT-2-shaped body and the task's batch. The two standard shapes are
 * {@code gpt2-small} (12 layers, d=768, 12 heads; B=8, T=64, 48 input values per token, 10 classes) and
 * {@code small} (4 layers, d=256, 4 heads; same batch), which runs in well under a second per step. {@code long-512}
 * is the ListOps run's shape (6 layers, d=384, 12 heads as the default body; B=16, T=512), where attention's
 * {@code T x T} arrays, not the weight products, set the cost.
 */
public record BenchShape(String name, Gpt2Config body, int batch, int tokens, int inputDim, int classes) {
    public static final BenchShape GPT2_SMALL = new BenchShape("gpt2-small", Gpt2Config.gpt2(), 8, 64, 48, 10);
    public static final BenchShape SMALL = new BenchShape("small", Gpt2Config.of("bench-small", 4, 4, 256), 8, 64, 48, 10);
    public static final BenchShape LONG_512 = new BenchShape("long-512", Gpt2Config.of("bench-long", 6, 12, 384), 16, 512, 16, 10);

    public static List<BenchShape> all() {
        return List.of(GPT2_SMALL, SMALL, LONG_512);
    }

    public static BenchShape named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No bench shape '" + name + "'. Available: gpt2-small, small, long-512"));
    }

    /** Tokens per step (the batch's B x T). */
    public long tokensPerStep() {
        return (long) batch * tokens;
    }
}
