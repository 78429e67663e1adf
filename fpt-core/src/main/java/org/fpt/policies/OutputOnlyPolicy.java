package org.fpt.policies;

import java.util.EnumSet;
import java.util.Set;
import org.fpt.spi.ParameterPath.Role;

/** Only the output head: the weakest rung, a linear probe on the frozen body's features. */
public final class OutputOnlyPolicy extends RolePolicy {
    public OutputOnlyPolicy() {
        super("output-only", "ablation: train the output head only", EnumSet.of(Role.OUTPUT));
    }
}
