package org.fpt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fpt.hardware.CpuInfo;
import org.fpt.train.Precision;
import org.junit.jupiter.api.Test;

/**
 * MXNet offers {@code --precision bf16} only where oneDNN has bfloat16 kernels: elsewhere (an AVX2-only CPU) the
 * first product would fail deep in the engine, so the request is refused up front, in one line, and {@code auto}
 * stays float32 saying why. Whichever this machine is, one of the two branches is checked.
 */
class CpuBfloat16PathTest {
    @Test
    void bfloat16IsOfferedExactlyWhereOneDnnHasKernelsForIt() {
        CpuBackend backend = new CpuBackend();
        backend.open();
        if (CpuInfo.local().oneDnnBfloat16()) {
            assertThat(backend.bfloat16()).isPresent();
            assertThat(Precision.BF16.resolve(backend).label()).isEqualTo("bf16");
        } else {
            assertThat(backend.bfloat16()).isEmpty();
            assertThatThrownBy(() -> Precision.BF16.resolve(backend))
                    .hasMessage("--precision bf16: backend 'cpu' has no bfloat16 path on this machine; use --precision fp32 or auto,"
                            + " or another backend (fpt plugins lists them)");
            assertThat(Precision.AUTO.resolve(backend).label()).isEqualTo("fp32");
        }
    }
}
