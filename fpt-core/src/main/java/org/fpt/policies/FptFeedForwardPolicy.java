package org.fpt.policies;

import org.fpt.spi.ParameterPath.Role;

/** {@code fpt} plus every feed-forward layer. */
public final class FptFeedForwardPolicy extends RolePolicy {
    public FptFeedForwardPolicy() {
        super("fpt+ffn", "ablation: fpt plus the feed-forward layers", with(FPT_ROLES, Role.FEED_FORWARD));
    }
}
