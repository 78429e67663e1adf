package org.fpt.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaBackendTest {
    @TempDir
    Path root;

    @Test
    void withoutDriverSaysSo() {
        Backend.Availability a = new CudaBackend(probe(Optional.empty())).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("no NVIDIA GPU driver", root.resolve("proc/driver/nvidia/version").toString(), "nvidia-smi");
    }

    @Test
    void driverWithoutCudaLibrarySaysWhereItLooked() throws IOException {
        driver();
        Backend.Availability a = new CudaBackend(probe(Optional.empty())).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("NVIDIA driver found", "535.104", "no CUDA build of MXNet", "MXNET_LIBRARY_PATH", root.resolve("cache").toString());
    }

    @Test
    void libraryPathWithoutTheLibraryIsNamed() throws IOException {
        driver();
        Path empty = Files.createDirectories(root.resolve("lib"));
        Backend.Availability a = new CudaBackend(probe(Optional.of(empty.toString()))).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains(empty.toString(), "libmxnet.so");
    }

    @Test
    void findsTheCudaBuildInDjlsCacheButNotTheCpuBuild() throws IOException {
        driver();
        Files.createDirectories(root.resolve("cache/1.9.1-mkl-linux-x86_64"));
        Files.writeString(root.resolve("cache/1.9.1-mkl-linux-x86_64/libmxnet.so"), "cpu build");
        CudaProbe probe = probe(Optional.empty());
        assertThat(probe.check().available()).isFalse();

        Path cuda = Files.createDirectories(root.resolve("cache/1.9.1-cu112mkl-linux-x86_64"));
        Files.writeString(cuda.resolve("libmxnet.so"), "cuda build");
        CudaProbe.Result result = probe.check();
        assertThat(result.available()).as(result.reason()).isTrue();
        assertThat(result.libraryDir()).contains(cuda);
    }

    @Test
    void nvidiaSmiOnThePathCountsAsADriver() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path smi = Files.writeString(bin.resolve("nvidia-smi"), "#!/bin/sh\n");
        assertThat(smi.toFile().setExecutable(true)).isTrue();
        CudaProbe probe = new CudaProbe(root.resolve("proc"), List.of(bin), Optional.empty(), root.resolve("cache"));
        assertThat(probe.check().reason()).contains("NVIDIA driver (" + smi + ")", "no CUDA build of MXNet");
    }

    @Test
    void registeredAndOutranksTheCpuBackend() {
        Backend cuda = Plugins.load(getClass().getClassLoader()).backends().get("cuda");
        assertThat(cuda).isInstanceOf(CudaBackend.class);
        assertThat(cuda.priority()).as("cpu backend has priority 10").isGreaterThan(10);
        assertThat(cuda.availability().reason()).isNotBlank();
    }

    /** Needs a GPU and a CUDA libmxnet: skips elsewhere, with the reason. */
    @Test
    void trainsOnTheGpu() {
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        Backend cuda = plugins.backends().get("cuda");
        Backend.Availability availability = cuda.availability();
        assumeTrue(availability.available(), () -> "cuda backend unavailable: " + availability.reason());
        String engine = cuda.open().getEngineName();
        Task task = plugins.tasks().get("bit-xor").create(TaskOptions.of(3));
        TrainingConfig config = TrainingConfig.defaults(200, 32, 3);
        try (FptTrainer trainer = new FptTrainer(task, new Gpt2Body(Gpt2Config.tiny(), "random init"), plugins.adapters().get("linear"),
                plugins.policies().get("full"), Readout.LAST, config, cuda.device(), engine)) {
            float first = trainer.step(task.trainBatch(32, new java.util.Random(1)));
            var result = trainer.train(TrainingListener.NONE);
            assertThat(result.history().get(result.history().size() - 1).trainLoss()).isLessThan(first);
        }
    }

    private CudaProbe probe(Optional<String> libraryPath) {
        return new CudaProbe(root.resolve("proc"), List.of(), libraryPath, root.resolve("cache"));
    }

    private void driver() throws IOException {
        Path version = root.resolve("proc/driver/nvidia/version");
        Files.createDirectories(version.getParent());
        Files.writeString(version, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104\n");
    }
}
