package org.fpt.policies;

import java.util.EnumSet;
import java.util.Set;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/**
 * Policies that train a fixed set of roles; the built-in ones are small subclasses registered as plugins.
 * Together they form the paper's ablation ladder (Table 6/11: which parameters must train):
 * {@code output-only} < {@code output+ln} < {@code output+ln+input} < {@code fpt} (+ positions)
 * < {@code fpt+ffn} / {@code fpt+last-attn} < {@code full}. The parameter-efficient references
 * ({@code lora}, {@code bitfit}, {@code ia3}) are PEFT methods, policies through {@link PeftPolicy}.
 */
public abstract class RolePolicy implements FreezingPolicy {
    /** What the paper trains: input layer, output head, positions, layer norms. */
    static final Set<Role> FPT_ROLES = EnumSet.of(Role.INPUT, Role.OUTPUT, Role.POSITION, Role.LAYER_NORM);

    private final String name;
    private final String description;
    private final Set<Role> trained;

    protected RolePolicy(String name, String description, Set<Role> trained) {
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

    static Set<Role> with(Set<Role> roles, Role extra) {
        Set<Role> out = EnumSet.copyOf(roles);
        out.add(extra);
        return out;
    }
}
