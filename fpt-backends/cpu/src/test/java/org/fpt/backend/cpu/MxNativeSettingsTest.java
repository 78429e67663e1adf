package org.fpt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fpt.hardware.CpuInfo;
import org.junit.jupiter.api.Test;

class MxNativeSettingsTest {
    private static CpuInfo cpu(String vendor, String model, String flags) {
        return CpuInfo.parse("vendor_id\t: " + vendor + "\nmodel name\t: " + model + "\ncpu MHz\t\t: 2100.000\nflags\t\t: " + flags + "\n", 2);
    }

    private static final String AVX512 = "fpu sse sse2 avx fma avx2 avx512f avx512bw avx512vl";

    @Test
    void sapphireRapidsGetsHaswellBlasAndAmxOnceLinuxGrantsIt() {
        CpuInfo spr = cpu("GenuineIntel", "Intel(R) Xeon(R) Processor", AVX512 + " avx512_bf16 amx_bf16 amx_tile amx_int8");
        assertThat(MxNativeSettings.hasAmx(spr)).isTrue();
        assertThat(MxNativeSettings.forCpu(spr, true)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "OMP_NUM_THREADS", "2", "OPENBLAS_CORETYPE", "Haswell", "DNNL_MAX_CPU_ISA", "AVX512_CORE_AMX"));
        assertThat(MxNativeSettings.forCpu(spr, false)).as("no AMX ISA without the permission: SIGILL otherwise")
                .doesNotContainKey("DNNL_MAX_CPU_ISA");
    }

    @Test
    void amdGetsZenKernelsAndNoAmx() {
        CpuInfo epyc = cpu("AuthenticAMD", "AMD EPYC 9R14 96-Core Processor", AVX512 + " avx512_bf16");
        assertThat(MxNativeSettings.hasAmx(epyc)).isFalse();
        assertThat(MxNativeSettings.openBlasCoreType(epyc)).isEqualTo("Zen");
    }

    @Test
    void olderCpusGetTheBestKernelTheyCanRunAndNoneBelowAvx() {
        assertThat(MxNativeSettings.openBlasCoreType(cpu("GenuineIntel", "Xeon E5-2670", "fpu sse sse2 avx"))).isEqualTo("Sandybridge");
        assertThat(MxNativeSettings.forCpu(cpu("GenuineIntel", "Core 2", "fpu sse sse2 ssse3"), false)).containsOnlyKeys("OMP_NUM_THREADS");
    }
}
