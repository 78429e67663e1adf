package org.fpt.builtin;

import java.util.EnumSet;
import java.util.Set;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.ParameterPath.Role;

/** Policies that train a fixed set of roles; the built-in ones are small subclasses registered as plugins. */
public abstract class Policies implements FreezingPolicy {
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

    /** The paper's default: attention and feed-forward frozen; input, head, positions and layer norms train. */
    public static final class Fpt extends Policies {
        public Fpt() {
            super("fpt", "paper default: train input, output, positions, layer norms; freeze attention and feed-forward",
                    EnumSet.of(Role.INPUT, Role.OUTPUT, Role.POSITION, Role.LAYER_NORM));
        }
    }

    /** Everything trains: the fully fine-tuned (or from-scratch, with random init) control. */
    public static final class Full extends Policies {
        public Full() {
            super("full", "train every parameter", EnumSet.allOf(Role.class));
        }
    }
}
