package org.fpt.backend.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fpt.hardware.CpuInfo;

/**
 * The environment MXNet 1.9.1's native libraries should load with on this CPU, each value measured
 * (fpt-bench/README.md, "Settings per CPU family"); a variable the user set is never overridden.
 * <ul>
 *   <li>{@code OMP_NUM_THREADS}: one thread per core this process may use (MXNet's default is fewer).</li>
 *   <li>{@code OPENBLAS_CORETYPE}: the OpenBLAS inside libmxnet is 0.3.7, which knows no CPU newer than
 *       Skylake: on an unknown CPU (Sapphire Rapids, Zen 4) it falls back to the generic Prescott kernel,
 *       asked for SkylakeX it runs Haswell, asked for Cooperlake or SapphireRapids Prescott. So: Zen on AMD
 *       with AVX2, Haswell on Intel with AVX2, Sandybridge with AVX only, and nothing below (those kernels
 *       would stop with SIGILL on a CPU without the instructions).</li>
 *   <li>{@code DNNL_MAX_CPU_ISA=AVX512_CORE_AMX} on a CPU with AMX, once Linux granted the AMX tile state:
 *       oneDNN 2.4 keeps AMX off unless asked, and its bfloat16 products run about 3x faster with it.</li>
 * </ul>
 */
final class MxNativeSettings {
    private MxNativeSettings() {
    }

    static Map<String, String> forCpu(CpuInfo cpu, boolean amxGranted) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", String.valueOf(cpu.cores()));
        String coreType = openBlasCoreType(cpu);
        if (coreType != null) {
            env.put("OPENBLAS_CORETYPE", coreType);
        }
        if (amxGranted) {
            env.put("DNNL_MAX_CPU_ISA", "AVX512_CORE_AMX");
        }
        return env;
    }

    static boolean hasAmx(CpuInfo cpu) {
        return cpu.has("amx_tile") && cpu.has("amx_bf16");
    }

    /** OpenBLAS 0.3.7's name for the best kernel this CPU can run, or null to let it detect. */
    static String openBlasCoreType(CpuInfo cpu) {
        if (cpu.has("avx2") && cpu.has("fma")) {
            return cpu.vendor().equals("AuthenticAMD") ? "Zen" : "Haswell";
        }
        return cpu.has("avx") ? "Sandybridge" : null;
    }
}
