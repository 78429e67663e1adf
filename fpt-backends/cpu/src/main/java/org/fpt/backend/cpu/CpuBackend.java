package org.fpt.backend.cpu;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Map;
import org.fpt.spi.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MXNet on the CPU, from the {@code mxnet-native-mkl} jar on the classpath (no download). Before the
 * engine loads it sets the native threading and BLAS environment, unless the user already set it:
 * threads = cores, and {@code OPENBLAS_CORETYPE=Haswell} (the bundled OpenBLAS does not recognise newer
 * CPUs and otherwise falls back to a slow generic kernel).
 */
public final class CpuBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);
    static final String ENGINE = "MXNet";
    static final String LOCAL_PARAMETER_SERVER = "ai.djl.use_local_parameter_server";

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "MXNet 1.9.1 (MKL build) on the CPU, offline";
    }

    @Override
    public Availability availability() {
        String arch = System.getProperty("os.arch");
        String os = System.getProperty("os.name");
        if (!os.toLowerCase().contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Availability.no("the bundled MXNet library is built for linux-x86_64, this is " + os + "/" + arch);
        }
        return Availability.yes(Runtime.getRuntime().availableProcessors() + " cores");
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public synchronized Engine open() {
        Map<String, String> env = NativeEnvironment.setDefaults(Map.of(
                "OMP_NUM_THREADS", String.valueOf(Runtime.getRuntime().availableProcessors()),
                "OPENBLAS_CORETYPE", "Haswell"));
        // One device needs no KVStore: DJL's MXNet parameter server keeps copies of every parameter, frozen ones
        // included (1.8 GB for GPT-2 small); the local one runs the same optimizer update in place.
        if (System.getProperty(LOCAL_PARAMETER_SERVER) == null) {
            System.setProperty(LOCAL_PARAMETER_SERVER, "true");
        }
        Engine engine = Engine.getEngine(ENGINE);
        LOG.debug("MXNet {} on {} with {}", engine.getVersion(), device(), env);
        return engine;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }
}
