package org.fpt.policies;

import java.util.EnumSet;
import java.util.Set;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/** BitFit (Ben Zaken et al. 2021): every bias, plus the task's input layer, head and layer norms. */
public final class BitFitPolicy extends RolePolicy {
    public BitFitPolicy() {
        super("bitfit", "train every bias, the input layer, output head and layer norms",
                EnumSet.of(Role.INPUT, Role.OUTPUT, Role.LAYER_NORM));
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        return super.trains(parameter) || parameter.isBias();
    }
}
