package org.fpt.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.train.Precision;
import org.junit.jupiter.api.Test;

/** A backend without a bfloat16 path (MXNet on CUDA here): bf16 asked for is refused in one line, auto falls back to fp32. */
class CudaPrecisionTest {
    private final Backend cuda = Plugins.load(CudaPrecisionTest.class.getClassLoader()).backends().get("cuda");

    @Test
    void bf16IsRefusedNamingTheBackendAndTheWayOut() {
        assertThatThrownBy(() -> Precision.BF16.resolve(cuda))
                .hasMessage("--precision bf16: backend 'cuda' has no bfloat16 path on this machine; use --precision fp32 or auto, or another backend (fpt plugins lists them)");
    }

    @Test
    void autoFallsBackToFp32AndSaysWhy() {
        Precision.Choice choice = Precision.AUTO.resolve(cuda);
        assertThat(choice.label()).isEqualTo("fp32");
        assertThat(choice.reason()).isEqualTo("auto: backend 'cuda' has no bfloat16 path on this machine");
        assertThat(Precision.FP32.resolve(cuda).reason()).isEqualTo("asked for fp32");
    }

    @Test
    void parseListsTheChoicesOnATypo() {
        assertThat(Precision.parse("BF16")).isEqualTo(Precision.BF16);
        assertThatThrownBy(() -> Precision.parse("fp16")).hasMessage("Unknown precision 'fp16'. Available: fp32, bf16, auto");
    }
}
