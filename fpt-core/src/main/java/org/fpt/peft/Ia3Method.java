package org.fpt.peft;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.PeftSite;
import org.fpt.spi.PeftSite.Projection;

/**
 * (IA)^3 (Liu et al. 2022, "Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context
 * Learning"): learned vectors, initialised to ones, that rescale the attention's keys and values
 * ({@code softmax(Q (l_k * K)^T) (l_v * V)}) and the feed-forward's intermediate activation
 * ({@code (l_ff * gelu(W_1 x)) W_2}). Keys and values are scaled on their projections' outputs, the activation
 * on the input of the feed-forward's second projection, as Hugging Face PEFT places it. Each vector is
 * {@code ia3_l} under its site: {@code encoder.layer.0.attention.self.key.ia3_l}, {@code h.0.attn.c_attn.ia3_l}
 * (keys and values of the fused projection, 2 x width), {@code h.0.mlp.c_proj.ia3_l}.
 */
public final class Ia3Method implements PeftMethod {
    private static final Set<Projection> SCALED_OUTPUTS = EnumSet.of(Projection.KEY, Projection.VALUE);

    @Override
    public String name() {
        return "ia3";
    }

    @Override
    public String description() {
        return "fpt plus learned scales of keys, values and the feed-forward activation (IA3)";
    }

    @Override
    public Optional<PeftInsertion> insert(PeftSite site) {
        List<Boolean> scaled = site.projections().stream().map(SCALED_OUTPUTS::contains).toList();
        if (scaled.contains(true)) {
            return Optional.of(Ia3Scale.ofOutput(scaled, site.partWidth()).insertion());
        }
        if (site.computes(Projection.FEED_FORWARD_DOWN)) {
            return Optional.of(Ia3Scale.ofInput(site.inFeatures()).insertion());
        }
        return Optional.empty();
    }
}
