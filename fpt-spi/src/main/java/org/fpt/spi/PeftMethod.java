package org.fpt.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Extension point: a parameter-efficient fine-tuning method (LoRA, IA3, BitFit), which trains small additions
 * to a frozen body the way Hugging Face PEFT targets modules. Before the body's parameters exist, the host
 * offers the method every {@link PeftSite} of the body (each linear projection, with its path, role, layer,
 * sizes and what it computes); the method returns the block to insert there, or nothing. No body needs a
 * method of its own for this: any body built from the host's projection blocks has sites.
 *
 * <p>Users select a method like a policy: {@code --policy lora:r=8,alpha=16}. As a policy it trains the paper's
 * FPT set (input layer, head, positions, layer norms), every inserted parameter, and whatever existing parameter
 * {@link #trains} accepts; everything else stays frozen and bit-identical.
 */
public interface PeftMethod extends Named {
    /**
     * This method with {@code options} ({@code key=value} pairs of the spec {@code name:k=v,k=v}). A method that
     * takes no options refuses any, naming them. Must not change {@code this}: return a new method.
     */
    default PeftMethod configure(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("Policy '" + name() + "' takes no options, got " + options.keySet());
        }
        return this;
    }

    /** The block to insert at {@code site}, or empty to leave it alone. Called once per site, each time a model is built. */
    Optional<PeftInsertion> insert(PeftSite site);

    /**
     * Whether an existing parameter of the model trains besides the FPT set and the inserted parameters (BitFit:
     * every bias). Paths are the model's, as {@link FreezingPolicy#trains} sees them ({@code body.h.0.attn.c_attn.bias}).
     */
    default boolean trains(ParameterPath parameter) {
        return false;
    }
}
