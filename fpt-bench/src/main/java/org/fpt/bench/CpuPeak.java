package org.fpt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
        List<String> lines = cpuinfo.lines().toList();
        double mhz = lines.stream().filter(l -> l.startsWith("cpu MHz")).mapToDouble(l -> Double.parseDouble(value(l)))
                .max().orElseThrow(() -> new IllegalArgumentException("/proc/cpuinfo has no 'cpu MHz' line"));
        Set<String> flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> Arrays.stream(value(l).split("\\s+")).collect(Collectors.toSet()))
                .orElseThrow(() -> new IllegalArgumentException("/proc/cpuinfo has no 'flags' line"));
        if (flags.contains("avx512f") && flags.contains("fma")) {
            return new CpuPeak(cores, mhz, 16, 2, "avx512f+fma");
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return new CpuPeak(cores, mhz, 8, 2, "avx2+fma");
        }
        if (flags.contains("avx")) {
            return new CpuPeak(cores, mhz, 8, 1, "avx (no fma)");
        }
        return new CpuPeak(cores, mhz, 4, 1, "sse");
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    public double gflops() {
        return cores * mhz / 1000 * lanes * 2 * fmaUnits;
    }

    public String formula() {
        return String.format(Locale.ROOT, "%d cores x %.2f GHz x %d fp32 lanes (%s) x 2 (FMA) x %d FMA units = %.0f GFLOP/s",
                cores, mhz / 1000, lanes, vectorIsa, fmaUnits, gflops());
    }
}
