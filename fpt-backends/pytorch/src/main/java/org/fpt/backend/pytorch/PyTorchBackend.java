package org.fpt.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Map;
import java.util.Optional;
import org.fpt.hardware.CpuInfo;
import org.fpt.hardware.NativeEnvironment;
import org.fpt.model.Activations;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine (libtorch 2.7.1) on the CPU, from the {@code pytorch-native-cpu} jar on the
 * classpath (no download). The model code is engine-agnostic, so the same run works here unchanged.
 *
 * <p>Priority 5, below the MXNet CPU backend (10): on a CPU the default backend is the faster of the two as
 * measured on the machine ({@code FastestBackend}); priority decides only where nothing was measured. Threads:
 * libtorch's intra-op pool gets {@code OMP_NUM_THREADS} threads when that is set (a Spark run's cores), else
 * one per core, unless {@code ai.djl.pytorch.num_threads} is set.
 */
public final class PyTorchBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(PyTorchBackend.class);
    static final String ENGINE = "PyTorch";
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    private TorchKernels kernels;

    @Override
    public String name() {
        return "pytorch";
    }

    @Override
    public String description() {
        // the malloc and MKL notes are part of the calibration cache's key: changing either measures again
        String mkl = MklIntelKernels.plan().note();
        return "DJL PyTorch engine (libtorch 2.7.1) on the CPU, offline; " + NativeMalloc.inThisProcess().note()
                + (mkl.isEmpty() ? "" : "; " + mkl);
    }

    @Override
    public Availability availability() {
        String arch = System.getProperty("os.arch");
        String os = System.getProperty("os.name");
        if (!os.toLowerCase().contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Availability.no("the bundled libtorch is built for linux-x86_64, this is " + os + "/" + arch);
        }
        return Availability.yes(Runtime.getRuntime().availableProcessors() + " cores");
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public synchronized Engine open() {
        if (System.getProperty(THREADS_PROPERTY) == null) {
            // read by DJL when the engine loads; libtorch's own default may count hyper-threads
            System.setProperty(THREADS_PROPERTY, String.valueOf(CpuInfo.nativeThreads(System.getenv("OMP_NUM_THREADS"))));
        }
        // libtorch's OpenMP threads otherwise spin at every barrier: when another process holds a core, each of the
        // thousands of small parallel regions of a step waits out its time slice (bit-xor on a loaded 2-core machine:
        // 60.7 s with the default, 2.5 s passive). Read by libgomp when libtorch loads.
        Map<String, String> env = NativeEnvironment.setDefaults(Map.of("OMP_WAIT_POLICY", "PASSIVE"));
        MklIntelKernels.enable();
        Engine engine = Engine.getEngine(ENGINE);
        if (kernels == null) {
            kernels = new TorchKernels(engine);
            Activations.useFusedGeluTanh(ENGINE, x -> kernels.run(TorchScriptKernels.GELU_TANH, x));
        }
        LOG.debug("PyTorch {} on {} with {} threads, {}", engine.getVersion(), device(), System.getProperty(THREADS_PROPERTY), env);
        return engine;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    /** Through the TorchScript kernels {@link #open()} loaded. */
    @Override
    public synchronized Optional<Bfloat16> bfloat16() {
        if (kernels == null) {
            throw new IllegalStateException("Open the pytorch backend before asking for its bfloat16 casts");
        }
        return Optional.of(new TorchBfloat16(kernels));
    }
}
