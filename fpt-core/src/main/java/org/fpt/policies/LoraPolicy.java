package org.fpt.policies;

import java.util.HashMap;
import java.util.Map;
import org.fpt.model.Dense;
import org.fpt.spi.Body;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath;

/**
 * LoRA (Hu et al. 2021) on the frozen attention projections: each gets a trainable low-rank update
 * {@code (alpha / r) B A} ({@code B} starts at zero, so training starts from the pretrained function),
 * while the projection's own weight stays frozen and bit-identical. Besides the adapters, the FPT set trains
 * (input layer, head, positions, layer norms), so {@code lora} reads as "{@code fpt} plus low-rank attention
 * updates". Options: {@code lora:r=8,alpha=16} (the defaults).
 */
public final class LoraPolicy implements FreezingPolicy {
    public static final int DEFAULT_RANK = 8;
    public static final float DEFAULT_ALPHA = 16f;

    private final int rank;
    private final float alpha;

    public LoraPolicy() {
        this(DEFAULT_RANK, DEFAULT_ALPHA);
    }

    public LoraPolicy(int rank, float alpha) {
        if (rank <= 0) {
            throw new IllegalArgumentException("Policy 'lora': option r must be a positive integer, got " + rank);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("Policy 'lora': option alpha must be > 0, got " + alpha);
        }
        this.rank = rank;
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public String description() {
        return "fpt plus rank-r updates of the frozen attention projections (lora:r=" + DEFAULT_RANK + ",alpha=" + (int) DEFAULT_ALPHA + ")";
    }

    public int rank() {
        return rank;
    }

    public float alpha() {
        return alpha;
    }

    @Override
    public FreezingPolicy configure(Map<String, String> options) {
        Map<String, String> rest = new HashMap<>(options);
        int r = parse(rest.remove("r"), "r", DEFAULT_RANK, Integer::parseInt);
        float a = parse(rest.remove("alpha"), "alpha", DEFAULT_ALPHA, Float::parseFloat);
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("Policy 'lora' has no option " + rest.keySet() + ". Available: r, alpha");
        }
        return new LoraPolicy(r, a);
    }

    /**
     * Adds the adapters; a rank above the body's width is refused here, before anything is allocated: an update
     * of a width-d projection has rank at most d, and a huge r would only make the engine fail to allocate.
     */
    @Override
    public FreezingPolicy prepare(Body body) {
        int width = body.info().hiddenSize();
        if (width > 0 && rank > width) {
            throw new IllegalArgumentException("Policy 'lora': option r=" + rank + " is larger than the width of body '" + body.info().name()
                    + "' (" + width + "); a low-rank update of its projections has rank at most " + width);
        }
        body.addLowRankAdapters(rank, alpha);
        return this;
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        return RolePolicy.FPT_ROLES.contains(parameter.role()) || Dense.isAdapter(parameter.leaf());
    }

    private static <T> T parse(String text, String key, T fallback, java.util.function.Function<String, T> parser) {
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Policy 'lora': option " + key + " must be a number, got '" + text + "'");
        }
    }
}
