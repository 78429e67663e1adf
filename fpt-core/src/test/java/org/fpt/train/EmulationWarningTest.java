package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.fpt.spi.Backend;
import org.junit.jupiter.api.Test;

/** {@code --precision bf16} where the CPU would emulate it is said at the start of the run, in one line. */
class EmulationWarningTest {
    private static final Backend.Availability NONE = Backend.Availability.no("no avx512_bf16 or amx_bf16 among the CPU's flags");

    @Test
    void bf16OnACpuWithoutNativeBfloat16IsWarnedOf() {
        assertThat(Runs.emulationWarning(Precision.BF16, true, NONE)).hasValue("--precision bf16: no native bfloat16 here (no avx512_bf16"
                + " or amx_bf16 among the CPU's flags), so the engine emulates it, 30-45x slower than fp32 where measured"
                + " (fpt-bench/README.md); --precision auto runs fp32 here");
    }

    @Test
    void nothingToSayWhereBfloat16IsNativeNotAskedForOrOnAGpu() {
        assertThat(Runs.emulationWarning(Precision.BF16, true, Backend.Availability.yes("avx512_bf16"))).isEmpty();
        assertThat(Runs.emulationWarning(Precision.AUTO, true, NONE)).isEmpty();
        assertThat(Runs.emulationWarning(Precision.FP32, true, NONE)).isEmpty();
        assertThat(Runs.emulationWarning(Precision.BF16, false, NONE)).isEmpty();
    }
}
