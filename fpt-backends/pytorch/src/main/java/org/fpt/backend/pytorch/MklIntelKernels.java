package org.fpt.backend.pytorch;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fpt.hardware.CpuInfo;
import org.fpt.hardware.NativeEnvironment;

/**
 * Lets the MKL inside libtorch use its fast kernels on AMD CPUs. MKL picks them only where the CPU's vendor string
 * reads "GenuineIntel"; elsewhere it keeps to generic ones whatever the CPU supports, and on an AMD EPYC with
 * AVX-512 our frozen GPT-2-small step took 1.75x its time with them (fpt-bench/README.md, "Issue 12 (session 9)").
 * A one-function library built from {@code src/main/c/mkl_intel_cpu.c}, loaded into the global scope before
 * libtorch, answers MKL's vendor question with yes; MKL then chooses by the CPU's feature flags, which are the AMD
 * CPU's own. {@value #SWITCH}{@code =keep} leaves MKL as it is. Intel CPUs need nothing.
 */
final class MklIntelKernels {
    static final String SWITCH = "FPT_MKL_VENDOR_CHECK";
    static final String LIBRARY = "libfpt_mkl_intel_cpu.so";
    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL = 0x100;
    private static NativeLibrary loaded; // held for the life of the process: libtorch's calls land in it

    private MklIntelKernels() {
    }

    /** What {@link #enable()} does on this machine, or empty where MKL needs nothing (an Intel CPU). */
    static Optional<String> plan() {
        return plan(CpuInfo.local(), NativeEnvironment.get(SWITCH), library() != null);
    }

    static Optional<String> plan(CpuInfo cpu, String switchValue, boolean built) {
        String value = switchValue == null ? "" : switchValue.trim().toLowerCase(Locale.ROOT);
        if (!value.isEmpty() && !value.equals("keep") && !value.equals("bypass")) {
            throw new IllegalArgumentException(SWITCH + "=" + switchValue + ": expected keep (MKL's own vendor check) or bypass (the default)");
        }
        if (!cpu.vendor().equals("AuthenticAMD")) {
            return Optional.empty();
        }
        if (value.equals("keep")) {
            return Optional.of("MKL keeps its vendor check (" + SWITCH + "=keep)");
        }
        if (!built) {
            return Optional.of("MKL keeps its vendor check: this build has no " + LIBRARY + " (no gcc where it was built)");
        }
        return Optional.of("MKL's fast kernels on this AMD CPU (" + SWITCH + "=keep turns them off)");
    }

    /** Loads the library where {@link #plan()} says so. Before libtorch loads: afterwards its calls are bound. */
    static synchronized void enable() {
        if (loaded != null || !plan().map(p -> p.startsWith("MKL's fast kernels")).orElse(false)) {
            return;
        }
        try {
            Path file = Files.createTempFile("fpt-mkl-intel-cpu", ".so");
            file.toFile().deleteOnExit(); // once loaded, the mapping outlives the file
            try (InputStream in = library().openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            loaded = NativeLibrary.getInstance(file.toString(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + LIBRARY + " to a temporary file", e);
        }
    }

    private static URL library() {
        return MklIntelKernels.class.getResource(LIBRARY);
    }
}
