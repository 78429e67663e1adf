package org.fpt.policies;

import java.util.EnumSet;
import java.util.Set;
import org.fpt.spi.ParameterPath.Role;

/** Output head and layer norms. */
public final class OutputLayerNormPolicy extends RolePolicy {
    public OutputLayerNormPolicy() {
        super("output+ln", "ablation: train the output head and layer norms", EnumSet.of(Role.OUTPUT, Role.LAYER_NORM));
    }
}
