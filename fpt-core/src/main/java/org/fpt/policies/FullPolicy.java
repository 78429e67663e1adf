package org.fpt.policies;

import java.util.EnumSet;
import org.fpt.spi.ParameterPath.Role;

/** Everything trains: the fully fine-tuned (or from-scratch, with random init) control. */
public final class FullPolicy extends RolePolicy {
    public FullPolicy() {
        super("full", "train every parameter", EnumSet.allOf(Role.class));
    }
}
