package org.fpt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fpt.hardware.CpuInfo;

/**
 * This CPU's fp32 peak: {@code cores x GHz x lanes x 2 (FMA = 2 FLOPs) x FMA units per core}, with the lanes
 * from the widest vector flag in {@code /proc/cpuinfo} (avx512f: 16, avx2/avx: 8, else 4) and 2 FMA units for
 * AVX-512 and AVX2 server cores (Skylake-SP onwards). {@code cpu MHz} in a VM is the nominal clock: the
 * cores may run faster under load, so {@code fpt-bench/peak.sh} also measures the reachable peak with an FMA
 * loop; pass that as {@code --peak}.
 */
public record CpuPeak(int cores, double mhz, int lanes, int fmaUnits, String vectorIsa) {
    public static CpuPeak detect() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/cpuinfo to compute the CPU's peak: " + e.getMessage()
                    + " (pass --peak GFLOPS)", e);
        }
    }

    /** From the text of {@code /proc/cpuinfo}; {@code cores} is what this process may use. */
    static CpuPeak parse(String cpuinfo, int cores) {
        CpuInfo cpu = CpuInfo.parse(cpuinfo, cores);
        if (Double.isNaN(cpu.mhz())) {
            throw new IllegalArgumentException("/proc/cpuinfo has no 'cpu MHz' line");
        }
        if (cpu.flags().isEmpty()) {
            throw new IllegalArgumentException("/proc/cpuinfo has no 'flags' line");
        }
        if (cpu.has("avx512f") && cpu.has("fma")) {
            return new CpuPeak(cores, cpu.mhz(), 16, 2, "avx512f+fma");
        }
        if (cpu.has("avx2") && cpu.has("fma")) {
            return new CpuPeak(cores, cpu.mhz(), 8, 2, "avx2+fma");
        }
        if (cpu.has("avx")) {
            return new CpuPeak(cores, cpu.mhz(), 8, 1, "avx (no fma)");
        }
        return new CpuPeak(cores, cpu.mhz(), 4, 1, "sse");
    }

    public double gflops() {
        return cores * mhz / 1000 * lanes * 2 * fmaUnits;
    }

    public String formula() {
        return String.format(Locale.ROOT, "%d cores x %.2f GHz x %d fp32 lanes (%s) x 2 (FMA) x %d FMA units = %.0f GFLOP/s",
                cores, mhz / 1000, lanes, vectorIsa, fmaUnits, gflops());
    }
}
