package org.fpt.spi;

import java.util.Map;

/**
 * Extension point: which parameters train. A predicate over parameter paths; everything it rejects is
 * frozen and never reaches the optimizer.
 *
 * <p>Two optional hooks, both with do-nothing defaults, let a policy depend on its run:
 * <ul>
 *   <li>{@link #configure} takes the options of a policy spec such as {@code lora:r=8,alpha=16};</li>
 *   <li>{@link #prepare} sees the body once, before its parameters are created: a policy may read its
 *       shape ({@code fpt+last-attn} needs the depth).</li>
 * </ul>
 * Methods that add parameters to a body (LoRA, IA3) are {@link PeftMethod}s, selected with {@code --policy} too.
 */
public interface FreezingPolicy extends Named {
    boolean trains(ParameterPath parameter);

    /**
     * This policy with {@code options} ({@code key=value} pairs of the spec {@code name:k=v,k=v}). A policy
     * that takes no options refuses any, naming them. Must not change {@code this}: return a new policy.
     */
    default FreezingPolicy configure(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("Policy '" + name() + "' takes no options, got " + options.keySet());
        }
        return this;
    }

    /**
     * The policy as it applies to {@code body}; called once per model, before the body is initialised. It is also
     * called on a body built only to check a run before its engine loads (a policy that cannot apply is refused then,
     * not hours into a grid), so it must not have effects beyond the body it is given and the policy it returns.
     */
    default FreezingPolicy prepare(Body body) {
        return this;
    }
}
