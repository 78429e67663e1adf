package org.fpt.backend.pytorch;

import ai.djl.ndarray.NDArray;
import org.fpt.hardware.CpuInfo;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;

/**
 * bfloat16 on libtorch through the {@link TorchScriptKernels} casts. DJL reads a bfloat16 tensor's type as
 * {@code unknown} and cannot copy it to Java, which the host never asks: {@code Linear.linear} and shape
 * operations run on it, and libtorch's bfloat16 {@code linear} goes to oneDNN (AMX where the CPU has it).
 */
final class TorchBfloat16 implements Bfloat16 {
    private final TorchKernels kernels;

    TorchBfloat16(TorchKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public NDArray narrow(NDArray x) {
        return kernels.run(TorchScriptKernels.BF16, x);
    }

    @Override
    public NDArray widen(NDArray x) {
        return kernels.run(TorchScriptKernels.FP32, x);
    }

    @Override
    public Backend.Availability hardware() {
        return CpuInfo.local().nativeBfloat16();
    }
}
