package org.fpt.backend.pytorch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.fpt.hardware.CpuInfo;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;

/**
 * bfloat16 on libtorch through the {@link TorchScriptCasts} module. DJL reads a bfloat16 tensor's type as
 * {@code unknown} and cannot copy it to Java, which the host never asks: {@code Linear.linear} and shape
 * operations run on it, and libtorch's bfloat16 {@code linear} goes to oneDNN (AMX where the CPU has it).
 * One module and its two method selectors live as long as the engine.
 */
final class TorchBfloat16 implements Bfloat16 {
    private final PtSymbolBlock module;
    private final NDArray toBf16;
    private final NDArray toFp32;

    TorchBfloat16(Engine engine) {
        PtNDManager manager = (PtNDManager) engine.newBaseManager();
        try {
            module = JniUtils.loadModule(manager, new ByteArrayInputStream(TorchScriptCasts.archive()), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the TorchScript bfloat16 casts", e);
        }
        toBf16 = selector(manager, TorchScriptCasts.BF16);
        toFp32 = selector(manager, TorchScriptCasts.FP32);
    }

    /** DJL runs a module's method {@code m} for an input list holding an array named {@code module_method:m}. */
    private static NDArray selector(PtNDManager manager, String method) {
        NDArray selector = manager.create(0f);
        selector.setName("module_method:" + method);
        return selector;
    }

    @Override
    public NDArray narrow(NDArray x) {
        return run(x, toBf16);
    }

    @Override
    public NDArray widen(NDArray x) {
        return run(x, toFp32);
    }

    @Override
    public Backend.Availability hardware() {
        return CpuInfo.local().nativeBfloat16();
    }

    /**
     * Always in training mode: an inference-mode result cannot be saved for backward later, and autograd
     * records the cast only when the input needs a gradient anyway. The result belongs to {@code x}'s manager.
     */
    private NDArray run(NDArray x, NDArray method) {
        return IValueUtils.forward(module, new NDList(x, method), true).singletonOrThrow();
    }
}
