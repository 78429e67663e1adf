package org.fpt.policies;

import java.util.OptionalInt;
import org.fpt.spi.Body;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.ParameterPath;

/**
 * {@code fpt} plus the attention of the last layer only. The last layer is the body's depth minus one,
 * read in {@link #prepare}; asking an unprepared instance is a programming error and says so.
 */
public final class FptLastAttentionPolicy extends RolePolicy {
    private final OptionalInt lastLayer;

    public FptLastAttentionPolicy() {
        this(OptionalInt.empty());
    }

    private FptLastAttentionPolicy(OptionalInt lastLayer) {
        super("fpt+last-attn", "ablation: fpt plus the attention of the last layer", FPT_ROLES);
        this.lastLayer = lastLayer;
    }

    @Override
    public FreezingPolicy prepare(Body body) {
        return new FptLastAttentionPolicy(OptionalInt.of(body.info().layers() - 1));
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        int last = lastLayer.orElseThrow(() -> new IllegalStateException(
                "Policy 'fpt+last-attn' must be prepared with the body (prepare(body)) to know its last layer"));
        return super.trains(parameter)
                || (parameter.role() == Role.ATTENTION && parameter.layer().equals(OptionalInt.of(last)));
    }
}
