package org.fpt.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This machine's CPU as {@code /proc/cpuinfo} describes it (first processor): vendor, model name, clock and
 * feature flags, plus the cores this process may use. What the backends tune their native libraries by
 * (BLAS kernel, oneDNN ISA, bfloat16) and what the backend calibration is cached under. Elsewhere than
 * Linux the fields are empty and every flag is absent.
 */
public record CpuInfo(String vendor, String modelName, double mhz, Set<String> flags, int cores) {
    private static volatile CpuInfo local;

    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** This machine's, read once. */
    public static CpuInfo local() {
        CpuInfo cached = local;
        if (cached == null) {
            String text;
            try {
                text = Files.readString(Path.of("/proc/cpuinfo"));
            } catch (IOException e) {
                text = ""; // not Linux: no flags known, so no CPU-specific tuning and no native bfloat16
            }
            cached = parse(text, Runtime.getRuntime().availableProcessors());
            local = cached;
        }
        return cached;
    }

    /** From the text of {@code /proc/cpuinfo}; {@code cores} is what this process may use. */
    public static CpuInfo parse(String cpuinfo, int cores) {
        List<String> lines = cpuinfo.lines().toList();
        Set<String> flags = first(lines, "flags").map(v -> Arrays.stream(v.split("\\s+")).filter(f -> !f.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new))).orElseGet(TreeSet::new);
        double mhz = lines.stream().filter(l -> key(l).equals("cpu MHz")).mapToDouble(l -> Double.parseDouble(value(l)))
                .max().orElse(Double.NaN);
        return new CpuInfo(first(lines, "vendor_id").orElse("unknown vendor"), first(lines, "model name").orElse("unknown CPU"),
                mhz, flags, cores);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The bfloat16 instructions this CPU has ({@code avx512_bf16}, {@code amx_bf16}), empty if none. */
    public List<String> bfloat16Flags() {
        return Stream.of("avx512_bf16", "amx_bf16").filter(this::has).toList();
    }

    /**
     * Whether this CPU multiplies bfloat16 natively, with the flags that say so: what {@code --precision auto}
     * asks of a CPU backend. Without them oneDNN emulates bfloat16 with float32 instructions, slower than float32.
     */
    public org.fpt.spi.Backend.Availability nativeBfloat16() {
        List<String> found = bfloat16Flags();
        return found.isEmpty() ? org.fpt.spi.Backend.Availability.no("no avx512_bf16 or amx_bf16 among the CPU's flags")
                : org.fpt.spi.Backend.Availability.yes(String.join(", ", found));
    }

    /**
     * Whether oneDNN has bfloat16 kernels here at all: natively, or emulated with AVX-512 (its {@code avx512_core}:
     * F, BW, VL and DQ). Below that (an AVX2-only CPU) oneDNN cannot create a bfloat16 product.
     */
    public boolean oneDnnBfloat16() {
        return Stream.of("avx512f", "avx512bw", "avx512vl", "avx512dq").allMatch(this::has);
    }

    /**
     * How many threads a native engine should use: {@code OMP_NUM_THREADS} when it is a positive count (a Spark
     * run's share of the machine), else every core.
     */
    public static int nativeThreads(String ompNumThreads) {
        if (ompNumThreads != null && ompNumThreads.trim().matches("[1-9]\\d{0,3}")) {
            return Integer.parseInt(ompNumThreads.trim());
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** One line for reports: model, cores, and the flags that decide kernels and precision. */
    public String summary() {
        List<String> notable = Stream.of("avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile", "avx512_fp16")
                .filter(this::has).toList();
        return String.format(java.util.Locale.ROOT, "%s (%s), %d cores, flags: %s", modelName, vendor, cores,
                notable.isEmpty() ? "none of avx2/avx512/bf16/amx" : String.join(" ", notable));
    }

    private static java.util.Optional<String> first(List<String> lines, String key) {
        return lines.stream().filter(l -> key(l).equals(key)).findFirst().map(CpuInfo::value);
    }

    private static String key(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(0, colon).trim();
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }
}
