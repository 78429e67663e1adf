package org.fpt.spi;

/**
 * Every extension point is a named factory: cheap to discover through {@link java.util.ServiceLoader},
 * heavy only when its product is created. Names are unique per kind; the registry enforces it.
 */
public interface Named {
    /** The unique, user-facing name, e.g. {@code bit-xor} or {@code fpt}. */
    String name();

    /** One line for {@code fpt plugins}. */
    default String description() {
        return "";
    }
}
