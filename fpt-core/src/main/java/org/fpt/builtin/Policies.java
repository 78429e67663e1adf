package org.fpt.builtin;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.fpt.spi.Body;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.ParameterPath.Role;

/**
 * Policies that train a fixed set of roles; the built-in ones are small subclasses registered as plugins.
 * Together they form the paper's ablation ladder (Table 6/11: which parameters must train):
 * {@code output-only} < {@code output+ln} < {@code output+ln+input} < {@code fpt} (+ positions)
 * < {@code fpt+ffn} / {@code fpt+last-attn} < {@code full}; plus {@code bitfit} and {@code lora}
 * ({@link LoraPolicy}) as parameter-efficient references.
 */
public abstract class Policies implements FreezingPolicy {
    /** What the paper trains: input layer, output head, positions, layer norms. */
    static final Set<Role> FPT_ROLES = EnumSet.of(Role.INPUT, Role.OUTPUT, Role.POSITION, Role.LAYER_NORM);

    private final String name;
    private final String description;
    private final Set<Role> trained;

    protected Policies(String name, String description, Set<Role> trained) {
        this.name = name;
        this.description = description;
        this.trained = EnumSet.copyOf(trained);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        return trained.contains(parameter.role());
    }

    /** Only the output head: the weakest rung, a linear probe on the frozen body's features. */
    public static final class OutputOnly extends Policies {
        public OutputOnly() {
            super("output-only", "ablation: train the output head only", EnumSet.of(Role.OUTPUT));
        }
    }

    /** Output head and layer norms. */
    public static final class OutputLayerNorm extends Policies {
        public OutputLayerNorm() {
            super("output+ln", "ablation: train the output head and layer norms", EnumSet.of(Role.OUTPUT, Role.LAYER_NORM));
        }
    }

    /** Output head, layer norms and input layer: {@code fpt} without positions. */
    public static final class OutputLayerNormInput extends Policies {
        public OutputLayerNormInput() {
            super("output+ln+input", "ablation: train the output head, layer norms and input layer",
                    EnumSet.of(Role.OUTPUT, Role.LAYER_NORM, Role.INPUT));
        }
    }

    /** The paper's default: attention and feed-forward frozen; input, head, positions and layer norms train. */
    public static final class Fpt extends Policies {
        public Fpt() {
            super("fpt", "paper default: train input, output, positions, layer norms; freeze attention and feed-forward", FPT_ROLES);
        }
    }

    /** {@code fpt} plus every feed-forward layer. */
    public static final class FptFeedForward extends Policies {
        public FptFeedForward() {
            super("fpt+ffn", "ablation: fpt plus the feed-forward layers", with(FPT_ROLES, Role.FEED_FORWARD));
        }
    }

    /**
     * {@code fpt} plus the attention of the last layer only. The last layer is the body's depth minus one,
     * read in {@link #prepare}; asking an unprepared instance is a programming error and says so.
     */
    public static final class FptLastAttention extends Policies {
        private final OptionalInt lastLayer;

        public FptLastAttention() {
            this(OptionalInt.empty());
        }

        private FptLastAttention(OptionalInt lastLayer) {
            super("fpt+last-attn", "ablation: fpt plus the attention of the last layer", FPT_ROLES);
            this.lastLayer = lastLayer;
        }

        @Override
        public FreezingPolicy prepare(Body body) {
            return new FptLastAttention(OptionalInt.of(body.info().layers() - 1));
        }

        @Override
        public boolean trains(ParameterPath parameter) {
            int last = lastLayer.orElseThrow(() -> new IllegalStateException(
                    "Policy 'fpt+last-attn' must be prepared with the body (prepare(body)) to know its last layer"));
            return super.trains(parameter)
                    || (parameter.role() == Role.ATTENTION && parameter.layer().equals(OptionalInt.of(last)));
        }
    }

    /** BitFit (Ben Zaken et al. 2021): every bias, plus the task's input layer, head and layer norms. */
    public static final class BitFit extends Policies {
        public BitFit() {
            super("bitfit", "train every bias, the input layer, output head and layer norms",
                    EnumSet.of(Role.INPUT, Role.OUTPUT, Role.LAYER_NORM));
        }

        @Override
        public boolean trains(ParameterPath parameter) {
            return super.trains(parameter) || parameter.isBias();
        }
    }

    /** Everything trains: the fully fine-tuned (or from-scratch, with random init) control. */
    public static final class Full extends Policies {
        public Full() {
            super("full", "train every parameter", EnumSet.allOf(Role.class));
        }
    }

    static Set<Role> with(Set<Role> roles, Role extra) {
        Set<Role> out = EnumSet.copyOf(roles);
        out.add(extra);
        return out;
    }
}
