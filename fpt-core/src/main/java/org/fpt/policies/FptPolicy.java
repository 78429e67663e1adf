package org.fpt.policies;

import org.fpt.spi.ParameterPath.Role;

/** The paper's default: attention and feed-forward frozen; input, head, positions and layer norms train. */
public final class FptPolicy extends RolePolicy {
    public FptPolicy() {
        super("fpt", "paper default: train input, output, positions, layer norms; freeze attention and feed-forward", FPT_ROLES);
    }
}
