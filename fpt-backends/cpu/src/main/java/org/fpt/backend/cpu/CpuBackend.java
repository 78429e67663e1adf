package org.fpt.backend.cpu;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Map;
import java.util.Optional;
import org.fpt.hardware.CpuInfo;
import org.fpt.hardware.NativeEnvironment;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MXNet on the CPU, from the {@code mxnet-native-mkl} jar on the classpath (no download). Before the
 * engine loads it sets the native threading, BLAS kernel and oneDNN ISA for this CPU ({@link MxNativeSettings}),
 * unless the user already set them. bfloat16 products through {@link MxBfloat16}.
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
        CpuInfo cpu = CpuInfo.local();
        // A user's DNNL_MAX_CPU_ISA naming AMX needs the permission as much as ours does.
        boolean amx = MxNativeSettings.hasAmx(cpu) && NativeEnvironment.requestAmx();
        Map<String, String> env = NativeEnvironment.setDefaults(MxNativeSettings.forCpu(cpu, amx));
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

    /**
     * MXNet's products in bfloat16 are oneDNN's, which needs at least AVX-512 for them: on an AVX2-only CPU the
     * first product would fail with "could not create a primitive descriptor iterator", so there is no path.
     */
    @Override
    public Optional<Bfloat16> bfloat16() {
        return CpuInfo.local().oneDnnBfloat16() ? Optional.of(new MxBfloat16()) : Optional.empty();
    }
}
