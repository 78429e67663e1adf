package org.fpt.spi;

import java.util.List;

/**
 * Extension point: turns a body name (e.g. {@code gpt2}) or a path into a configured body, with
 * pretrained weights or the architecture's own random initialisation.
 */
public interface BodySource extends Named {
    /** The body names this source offers, for listings and "Available:" errors. */
    List<BodyInfo> bodies();

    /** Whether this source can build {@code spec} (one of its names, or a path it understands). */
    default boolean accepts(String spec) {
        return bodies().stream().anyMatch(b -> b.name().equals(spec));
    }

    /**
     * A new body for {@code spec} on each call, never a shared one: the host builds bodies to check runs before they
     * load, and a policy's {@link FreezingPolicy#prepare} may insert blocks into the body it is given.
     */
    Body create(String spec, Init init);

    enum Init { PRETRAINED, RANDOM }
}
