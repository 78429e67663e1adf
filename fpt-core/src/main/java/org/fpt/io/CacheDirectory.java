package org.fpt.io;

import java.nio.file.Path;

/**
 * Where fpt keeps what it derives once per machine (extracted weights, backend timings): the system property
 * {@code fpt.cache}, else the environment variable {@code FPT_CACHE}, else {@code ~/.cache/fpt}.
 */
public final class CacheDirectory {
    private CacheDirectory() {
    }

    public static Path get() {
        String configured = System.getProperty("fpt.cache", System.getenv("FPT_CACHE"));
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "fpt");
    }
}
