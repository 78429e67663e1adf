package org.fpt.backend.cpu;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets process environment variables through libc, so that a native library loaded later in this
 * process reads them. MXNet reads {@code OMP_NUM_THREADS} and OpenBLAS reads {@code OPENBLAS_CORETYPE}
 * only when they load: Java's own environment map is a read-only copy and would not reach them.
 */
final class NativeEnvironment {
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private NativeEnvironment() {
    }

    /** Sets each variable that is not already set; returns the values in force afterwards. */
    static Map<String, String> setDefaults(Map<String, String> defaults) {
        Map<String, String> inForce = new LinkedHashMap<>();
        defaults.forEach((name, value) -> {
            LIBC.setenv(name, value, 0);
            inForce.put(name, LIBC.getenv(name));
        });
        return inForce;
    }
}
