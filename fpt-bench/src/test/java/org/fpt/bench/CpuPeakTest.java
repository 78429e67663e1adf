package org.fpt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuPeakTest {
    private static final String AVX512 = """
            processor\t: 0
            model name\t: Intel(R) Xeon(R) Processor
            cpu MHz\t\t: 2100.000
            flags\t\t: fpu sse sse2 avx fma avx2 avx512f avx512dq
            """;

    @Test
    void avx512WithFmaIsSixteenLanesTwoUnits() {
        CpuPeak peak = CpuPeak.parse(AVX512, 2);
        // 2 cores x 2.1 GHz x 16 lanes x 2 (FMA) x 2 units
        assertThat(peak.gflops()).isCloseTo(268.8, within(1e-9));
        assertThat(peak.formula()).contains("2 cores", "2.10 GHz", "16 fp32 lanes (avx512f+fma)", "= 269 GFLOP/s");
    }

    @Test
    void avx2MachineIsEightLanes() {
        CpuPeak peak = CpuPeak.parse(AVX512.replace(" avx512f avx512dq", ""), 4);
        assertThat(peak.lanes()).isEqualTo(8);
        assertThat(peak.gflops()).isCloseTo(4 * 2.1 * 8 * 2 * 2, within(1e-9));
    }

    @Test
    void missingClockIsNamed() {
        assertThatThrownBy(() -> CpuPeak.parse("flags : avx2 fma\n", 2)).hasMessageContaining("cpu MHz");
    }
}
