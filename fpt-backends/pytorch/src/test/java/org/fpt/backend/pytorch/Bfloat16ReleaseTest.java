package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.hardware.CpuInfo;
import org.fpt.model.BodyExport;
import org.fpt.model.Dense;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.Checkpoint;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --precision bf16} frees the frozen float32 weights once they are held in bfloat16, so that bfloat16 saves
 * memory instead of adding to it. These models are tiny, so the tests run on any CPU (emulated bfloat16 is slow,
 * not wrong): the product is unchanged by the release, the model still counts, identifies, trains, checkpoints and
 * resumes, and exporting a released body is refused rather than reading freed memory.
 */
class Bfloat16ReleaseTest {
    private static final Plugins PLUGINS = Plugins.load(Bfloat16ReleaseTest.class.getClassLoader());

    /** The backend, opened; MXNet only where oneDNN has bfloat16 kernels (CpuBfloat16PathTest checks the refusal elsewhere). */
    private static Backend open(String backend) {
        Backend b = PLUGINS.backends().get(backend);
        b.open();
        assumeTrue(b.bfloat16().isPresent(), "backend '" + backend + "' has no bfloat16 path on this CPU (" + CpuInfo.local().summary() + ")");
        return b;
    }

    private static Engine engine(String backend) {
        return Engine.getEngine(backend.equals("cpu") ? "MXNet" : "PyTorch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "pytorch"})
    void releasingTheFloat32WeightsLeavesTheProductUnchanged(String backend) {
        Bfloat16 casts = open(backend).bfloat16().orElseThrow();
        try (NDManager manager = engine(backend).newBaseManager()) {
            Dense dense = new Dense(64, 32);
            dense.setInitializer(new NormalInitializer(0.05f), ai.djl.nn.Parameter.Type.WEIGHT);
            dense.setInitializer(new NormalInitializer(0.05f), ai.djl.nn.Parameter.Type.BIAS);
            dense.freezeParameters(true);
            dense.initialize(manager, DataType.FLOAT32, new Shape(2, 8, 64));
            NDArray x = manager.randomNormal(new Shape(2, 8, 64));
            dense.holdInBfloat16(casts);
            float[] held = forward(manager, dense, x);

            dense.releaseFloat32();

            assertThat(dense.float32Released()).isTrue();
            assertThat(dense.getParameters().get("weight").getArray().isReleased()).as("the float32 weight is freed").isTrue();
            assertThat(dense.getParameters().get("bias").getArray().isReleased()).as("the frozen float32 bias is freed").isTrue();
            assertThat(dense.isInitialized()).as("the engine's block still counts as initialised: no new values drawn").isTrue();
            assertThat(forward(manager, dense, x)).containsExactly(held);
            assertThatThrownBy(() -> dense.holdInBfloat16(casts)).hasMessageContaining("float32 weights were released");
        }
    }

    private static float[] forward(NDManager manager, Dense dense, NDArray x) {
        try (NDManager step = manager.newSubManager()) {
            return dense.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow().toFloatArray();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "pytorch"})
    void aReleasedModelCountsIdentifiesTrainsAndResumes(String backend, @TempDir Path dir) {
        Backend b = open(backend);
        Bfloat16 casts = b.bfloat16().orElseThrow();
        Task task = PLUGINS.tasks().get("bit-xor").create(TaskOptions.of(7));
        TrainingConfig config = TrainingConfig.defaults(20, 16, 7);
        try (FptTrainer kept = trainer(b, task, config); FptTrainer released = trainer(b, task, config)) {
            kept.useBfloat16(casts, true);
            released.useBfloat16(casts, false);

            assertThat(released.bodyIdentity()).as("the body's identity, taken before the release").isEqualTo(kept.bodyIdentity());
            assertThat(released.totalParams()).isEqualTo(kept.totalParams());
            Random keptData = new Random(7);
            Random releasedData = new Random(7);
            // the same computation; only the order of the engine's multi-threaded sums may differ from run to run
            for (int step = 1; step <= 5; step++) {
                assertThat(released.step(task.trainBatch(16, releasedData))).as("loss at step %d", step)
                        .isCloseTo(kept.step(task.trainBatch(16, keptData)), withinPercentage(0.01));
            }

            Checkpoint checkpoint = released.checkpoint(5, List.of(), new JsonObject());
            try (FptTrainer resumed = trainer(b, task, config)) {
                resumed.useBfloat16(casts, false);
                assertThat(resumed.restore(checkpoint)).isEqualTo(5);
                Random again = new Random(99);
                Random same = new Random(99);
                assertThat(resumed.step(task.trainBatch(16, again))).isCloseTo(released.step(task.trainBatch(16, same)), withinPercentage(0.01));
            }

            Path export = dir.resolve("body");
            assertThatThrownBy(() -> BodyExport.write(released.model().body(), export))
                    .hasMessageContaining("Cannot export the body to " + export).hasMessageContaining("released under --precision bf16");
            BodyExport.write(kept.model().body(), export);
            assertThat(export.resolve("model.safetensors")).exists();
        }
    }

    private static FptTrainer trainer(Backend backend, Task task, TrainingConfig config) {
        return new FptTrainer(task, new Gpt2Body(Gpt2Config.tiny().withDropout(0f), "random init"), PLUGINS.adapters().get("linear"),
                PLUGINS.policies().get("fpt"), Readout.LAST, config, backend.device(), engine(backend.name()).getEngineName());
    }
}
