package org.fpt.backend.pytorch;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.fpt.hardware.CpuInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the MKL inside libtorch use its fast kernels on AMD CPUs. MKL picks them only where the CPU's vendor string
 * reads "GenuineIntel"; elsewhere it keeps to generic ones whatever the CPU supports. That cost an AMD EPYC with
 * AVX-512 (Zen 5) most of a frozen step's products, and an AVX2-only one (Zen 3) nothing measurable
 * (fpt-bench/README.md, issue 12, sessions 5 and 9). A one-function library built from
 * {@code src/main/c/mkl_intel_cpu.c}, loaded into the global scope before libtorch, answers MKL's vendor question
 * with yes; MKL then chooses by the CPU's feature flags, which are the AMD CPU's own. {@value #SWITCH}{@code =keep}
 * leaves MKL as it is. Intel CPUs need nothing. Loading it is a speed-up only: where it fails, a warning says why and
 * the backend opens without it.
 */
final class MklIntelKernels {
    static final String SWITCH = "FPT_MKL_VENDOR_CHECK";
    static final String LIBRARY = "libfpt_mkl_intel_cpu.so";
    private static final Logger LOG = LoggerFactory.getLogger(MklIntelKernels.class);
    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL = 0x100;
    private static NativeLibrary loaded; // held for the life of the process: libtorch's calls land in it
    private static String failure;

    /** What this machine gets; {@link #note()} is part of the backend's description, so of its calibration key. */
    enum Plan {
        INTEL_CPU(""),
        BYPASS("MKL: fast kernels on AMD (" + SWITCH + "=keep: off)"),
        KEEP("MKL: vendor check kept (" + SWITCH + "=keep)"),
        NOT_BUILT("MKL: vendor check kept (" + LIBRARY + " not built: no gcc at build time; rebuild with gcc)"),
        INVALID("MKL: vendor check kept (" + SWITCH + " is neither keep nor bypass)");

        private final String note;

        Plan(String note) {
            this.note = note;
        }

        String note() {
            return note;
        }
    }

    private MklIntelKernels() {
    }

    static Plan plan() {
        return plan(CpuInfo.local(), System.getenv(SWITCH), MklIntelKernels.class.getResource(LIBRARY) != null);
    }

    static Plan plan(CpuInfo cpu, String switchValue, boolean built) {
        if (!cpu.vendor().equals("AuthenticAMD")) {
            return Plan.INTEL_CPU;
        }
        String value = switchValue == null ? "" : switchValue.trim().toLowerCase(Locale.ROOT);
        if (!value.isEmpty() && !value.equals("keep") && !value.equals("bypass")) {
            return Plan.INVALID;
        }
        return value.equals("keep") ? Plan.KEEP : built ? Plan.BYPASS : Plan.NOT_BUILT;
    }

    /**
     * Loads the library where {@link #plan()} says so; before libtorch loads, since afterwards its calls are bound.
     * A mistyped {@value #SWITCH} on an AMD CPU is refused in one line naming it.
     */
    static synchronized void enable() {
        Plan plan = plan();
        if (plan == Plan.INVALID) {
            throw new IllegalArgumentException(SWITCH + "=" + System.getenv(SWITCH) + ": expected keep (MKL's own vendor check) or bypass (the default)");
        }
        if (plan == Plan.NOT_BUILT && failure == null) {
            failure = "not built";
            LOG.warn("MKL keeps its vendor check, so libtorch's products may be slower on this AMD CPU: {} was not built"
                    + " (no gcc when fpt-backends/pytorch was built); install gcc and rebuild, or set {}=keep to say so", LIBRARY, SWITCH);
        }
        if (plan != Plan.BYPASS || loaded != null || failure != null) {
            return;
        }
        if (libtorchLoaded()) {
            failure = "libtorch was loaded before the pytorch backend opened";
            LOG.warn("MKL keeps its vendor check in this process, so libtorch's products may be slower on this AMD CPU: {}", failure);
            return;
        }
        try {
            Path file = Files.createTempFile("fpt-mkl-intel-cpu", ".so");
            try {
                try (InputStream in = MklIntelKernels.class.getResourceAsStream(LIBRARY)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                loaded = NativeLibrary.getInstance(file.toString(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
            } finally {
                Files.deleteIfExists(file); // a loaded library stays mapped; nothing is left behind if the process is killed
            }
        } catch (IOException | RuntimeException | LinkageError e) { // e.g. a temporary directory mounted noexec
            failure = e.toString();
            LOG.warn("MKL keeps its vendor check, so libtorch's products may be slower on this AMD CPU: cannot load {} ({})", LIBRARY, failure);
        }
    }

    private static boolean libtorchLoaded() {
        return NativeMalloc.mappedFiles().stream().anyMatch(line -> line.endsWith("/libtorch_cpu.so"));
    }
}
