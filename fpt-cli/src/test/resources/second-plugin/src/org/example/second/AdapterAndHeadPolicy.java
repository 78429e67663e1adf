package org.example.second;

import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.ParameterPath.Role;

/** {@code --policy adapter-and-head}: the whole body frozen, positions and layer norms included. */
public final class AdapterAndHeadPolicy implements FreezingPolicy {
    @Override
    public String name() {
        return "adapter-and-head";
    }

    @Override
    public String description() {
        return "train only the input adapter and the head (second test plugin)";
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        return parameter.role() == Role.INPUT || parameter.role() == Role.OUTPUT;
    }
}
