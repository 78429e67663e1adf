package org.fpt.peft;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.PeftSite;

/**
 * LoRA (Hu et al. 2021) on the frozen attention projections: every site whose role is attention (GPT-2's
 * {@code attn.c_attn} and {@code attn.c_proj}; BERT's and ViT's query, key, value and attention output) gets a
 * trainable low-rank update ({@link LoraBlock}: {@code lora_a}, {@code lora_b}) while the projection's own
 * weight stays frozen and bit-identical. Options: {@code lora:r=8,alpha=16} (the defaults).
 */
public final class LoraMethod implements PeftMethod {
    public static final int DEFAULT_RANK = 8;
    public static final float DEFAULT_ALPHA = 16f;

    private final int rank;
    private final float alpha;

    public LoraMethod() {
        this(DEFAULT_RANK, DEFAULT_ALPHA);
    }

    public LoraMethod(int rank, float alpha) {
        if (rank <= 0) {
            throw new IllegalArgumentException("Policy 'lora': option r must be a positive integer, got " + rank);
        }
        if (!(alpha > 0) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("Policy 'lora': option alpha must be a finite number > 0, got " + alpha);
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
    public PeftMethod configure(Map<String, String> options) {
        Map<String, String> rest = new HashMap<>(options);
        int r = parse(rest.remove("r"), "r", DEFAULT_RANK, Integer::parseInt);
        float a = parse(rest.remove("alpha"), "alpha", DEFAULT_ALPHA, Float::parseFloat);
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("Policy 'lora' has no option " + rest.keySet() + ". Available: r, alpha");
        }
        return new LoraMethod(r, a);
    }

    /**
     * An adapter on each attention projection; a rank above the projection's smaller dimension is refused here,
     * before anything is allocated: such an update has rank at most that, and a huge r would only make the
     * engine fail to allocate.
     */
    @Override
    public Optional<PeftInsertion> insert(PeftSite site) {
        if (site.role() != Role.ATTENTION) {
            return Optional.empty();
        }
        if (rank > Math.min(site.inFeatures(), site.outFeatures())) {
            throw new IllegalArgumentException("Policy 'lora': r=" + rank + " exceeds the size of " + site.path() + " ("
                    + site.inFeatures() + " -> " + site.outFeatures() + ")");
        }
        return Optional.of(PeftInsertion.onOutput(new LoraBlock(site.inFeatures(), site.outFeatures(), rank, alpha)));
    }

    private static <T> T parse(String text, String key, T fallback, Function<String, T> parser) {
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
