package org.fpt.backend.cuda;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.fpt.spi.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MXNet on the first NVIDIA GPU. No CUDA build of MXNet is on Maven Central, so the library comes from
 * {@code MXNET_LIBRARY_PATH} or from DJL's cache ({@code ~/.djl.ai/mxnet/*-cu*}, filled by DJL's download on a
 * connected machine). When available it outranks the CPU backend (priority 20 > 10); when not, it says why
 * (no driver, or no CUDA library). MXNet loads one library per process: do not open this and the CPU backend in
 * the same JVM.
 */
public final class CudaBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);
    static final String ENGINE = "MXNet";

    private final CudaProbe probe;

    public CudaBackend() {
        this(new CudaProbe(Path.of("/proc"),
                Arrays.stream(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                        .filter(s -> !s.isEmpty()).map(Path::of).toList(),
                Optional.ofNullable(Utils.getEnvOrSystemProperty("MXNET_LIBRARY_PATH")),
                Utils.getEngineCacheDir("mxnet")));
    }

    CudaBackend(CudaProbe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return "MXNet on an NVIDIA GPU (CUDA libmxnet from MXNET_LIBRARY_PATH or DJL's cache)";
    }

    @Override
    public Availability availability() {
        CudaProbe.Result result = probe.check();
        return result.available() ? Availability.yes(result.reason()) : Availability.no(result.reason());
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public synchronized Engine open() {
        CudaProbe.Result result = probe.check();
        if (!result.available()) {
            throw new IllegalStateException("The cuda backend is not available here: " + result.reason());
        }
        // DJL reads MXNET_LIBRARY_PATH (environment or system property) before the jar on the classpath.
        System.setProperty("MXNET_LIBRARY_PATH", result.libraryDir().orElseThrow().toString());
        // One device needs no KVStore (DJL's MXNet parameter server copies every parameter, frozen ones too).
        if (System.getProperty("ai.djl.use_local_parameter_server") == null) {
            System.setProperty("ai.djl.use_local_parameter_server", "true");
        }
        Engine engine = Engine.getEngine(ENGINE);
        if (engine.getGpuCount() == 0) {
            throw new IllegalStateException("MXNet loaded, but sees no GPU (" + result.reason()
                    + "); was the CPU build already loaded in this JVM, or is the library not a CUDA build?");
        }
        LOG.debug("MXNet {} on {} ({})", engine.getVersion(), device(), result.reason());
        return engine;
    }

    @Override
    public Device device() {
        return Device.gpu();
    }
}
