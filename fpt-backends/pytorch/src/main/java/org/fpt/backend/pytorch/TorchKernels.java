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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link TorchScriptKernels} module, loaded once per engine, and a way to run its methods on DJL arrays. */
final class TorchKernels {
    private final PtNDManager manager;
    private final PtSymbolBlock module;
    private final Map<String, NDArray> selectors = new ConcurrentHashMap<>();

    TorchKernels(Engine engine) {
        manager = (PtNDManager) engine.newBaseManager();
        try {
            module = JniUtils.loadModule(manager, new ByteArrayInputStream(TorchScriptKernels.archive()), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load fpt's TorchScript kernels", e);
        }
    }

    /**
     * {@code method(x)}, in training mode: autograd records it when {@code x} needs a gradient, and an
     * inference-mode result could not be saved for a backward pass later. The result belongs to {@code x}'s manager.
     */
    NDArray run(String method, NDArray x) {
        return IValueUtils.forward(module, new NDList(x, selectors.computeIfAbsent(method, this::selector)), true).singletonOrThrow();
    }

    /** DJL runs a module's method {@code m} for an input list holding an array named {@code module_method:m}. */
    private NDArray selector(String method) {
        NDArray selector = manager.create(0f);
        selector.setName("module_method:" + method);
        return selector;
    }
}
