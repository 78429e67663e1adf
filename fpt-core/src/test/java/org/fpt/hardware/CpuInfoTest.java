package org.fpt.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
    /** The first processor of this project's Sapphire-Rapids-class KVM machine, as /proc/cpuinfo printed it. */
    private static String sapphireRapids() throws IOException {
        try (InputStream in = CpuInfoTest.class.getResourceAsStream("/cpuinfo/sapphire-rapids-kvm.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsVendorModelClockAndFlagsOfTheFirstProcessor() throws IOException {
        CpuInfo cpu = CpuInfo.parse(sapphireRapids() + "\n" + sapphireRapids().replace("processor\t: 0", "processor\t: 1"), 2);

        assertThat(cpu.vendor()).isEqualTo("GenuineIntel");
        assertThat(cpu.modelName()).isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(cpu.mhz()).isEqualTo(2100.0);
        assertThat(cpu.flags()).contains("avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile").doesNotContain("");
        assertThat(cpu.cores()).isEqualTo(2);
    }

    @Test
    void nativeBfloat16NamesTheFlagsThatProveIt() throws IOException {
        assertThat(CpuInfo.parse(sapphireRapids(), 2).nativeBfloat16())
                .satisfies(a -> assertThat(a.available()).isTrue())
                .satisfies(a -> assertThat(a.reason()).isEqualTo("avx512_bf16, amx_bf16"));
        String skylake = sapphireRapids().replace(" avx512_bf16", "").replace(" amx_bf16", "");
        assertThat(CpuInfo.parse(skylake, 2).nativeBfloat16())
                .satisfies(a -> assertThat(a.available()).isFalse())
                .satisfies(a -> assertThat(a.reason()).contains("no avx512_bf16 or amx_bf16"));
    }

    @Test
    void oneDnnHasBfloat16KernelsFromAvx512OnNotOnAvx2Alone() throws IOException {
        assertThat(CpuInfo.parse(sapphireRapids(), 2).oneDnnBfloat16()).isTrue();
        String skylake = sapphireRapids().replace(" avx512_bf16", "").replace(" amx_bf16", "");
        assertThat(CpuInfo.parse(skylake, 2).oneDnnBfloat16()).as("emulated with AVX-512").isTrue();
        String zen3 = "vendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse sse2 avx fma avx2 bmi2\n";
        assertThat(CpuInfo.parse(zen3, 2).oneDnnBfloat16()).isFalse();
        String avx512fOnly = zen3.replace(" avx2", " avx2 avx512f");
        assertThat(CpuInfo.parse(avx512fOnly, 2).oneDnnBfloat16()).as("AVX-512 F without BW/VL/DQ (Knights Landing)").isFalse();
    }

    @Test
    void summaryShowsModelCoresAndTheFlagsThatChooseKernels() throws IOException {
        assertThat(CpuInfo.parse(sapphireRapids(), 2).summary()).isEqualTo(
                "Intel(R) Xeon(R) Processor (GenuineIntel), 2 cores, flags: avx2 fma avx512f avx512_bf16 amx_bf16 amx_tile avx512_fp16");
    }

    @Test
    void withoutProcCpuinfoEveryFieldIsUnknownAndNoFlagIsClaimed() {
        CpuInfo cpu = CpuInfo.parse("", 4);
        assertThat(cpu.flags()).isEmpty();
        assertThat(cpu.modelName()).isEqualTo("unknown CPU");
        assertThat(cpu.nativeBfloat16().available()).isFalse();
        assertThat(cpu.mhz()).isNaN();
    }
}
