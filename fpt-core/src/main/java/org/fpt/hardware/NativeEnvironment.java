package org.fpt.hardware;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets process environment variables through libc, so that a native library loaded later in this
 * process reads them. MXNet reads {@code OMP_NUM_THREADS}, OpenBLAS {@code OPENBLAS_CORETYPE}, oneDNN
 * {@code DNNL_MAX_CPU_ISA} and libgomp {@code OMP_WAIT_POLICY} only when they load: Java's own environment map
 * is a read-only copy and would not reach them. Also asks Linux for the AMX tile state this process needs
 * before any thread uses AMX. For backends, before they load their engine.
 */
public final class NativeEnvironment {
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);

        long syscall(long number, Object... args);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);
    // <asm/prctl.h>, <asm/unistd_64.h>: arch_prctl(ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)
    private static final long SYS_ARCH_PRCTL = 158;
    private static final long ARCH_REQ_XCOMP_PERM = 0x1023;
    private static final long XFEATURE_XTILEDATA = 18;

    private NativeEnvironment() {
    }

    /** Sets each variable that is not already set; returns the values in force afterwards. */
    public static Map<String, String> setDefaults(Map<String, String> defaults) {
        Map<String, String> inForce = new LinkedHashMap<>();
        defaults.forEach((name, value) -> {
            LIBC.setenv(name, value, 0);
            inForce.put(name, LIBC.getenv(name));
        });
        return inForce;
    }

    /** The variable's value in this process, or null. */
    public static String get(String name) {
        return LIBC.getenv(name);
    }

    /**
     * Asks Linux (5.16 or later) to let this process use AMX tiles. Without it the first AMX instruction
     * kills the process with SIGILL, which is why oneDNN 2.4 (inside MXNet 1.9) leaves AMX off by default.
     * The permission covers every thread of the process. Returns whether it was granted.
     */
    public static boolean requestAmx() {
        return LIBC.syscall(SYS_ARCH_PRCTL, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0;
    }
}
