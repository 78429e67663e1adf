package org.fpt.policies;

import java.util.EnumSet;
import java.util.Set;
import org.fpt.spi.ParameterPath.Role;

/** Output head, layer norms and input layer: {@code fpt} without positions. */
public final class OutputLayerNormInputPolicy extends RolePolicy {
    public OutputLayerNormInputPolicy() {
        super("output+ln+input", "ablation: train the output head, layer norms and input layer",
                EnumSet.of(Role.OUTPUT, Role.LAYER_NORM, Role.INPUT));
    }
}
