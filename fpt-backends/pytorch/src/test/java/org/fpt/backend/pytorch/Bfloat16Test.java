package org.fpt.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Random;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.hardware.CpuInfo;
import org.fpt.model.Dense;
import org.fpt.model.FptModel;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;
import org.fpt.train.FptTrainer;
import org.fpt.train.Precision;
import org.fpt.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --precision bf16} on both CPU backends (this module has the MXNet one as a test dependency): the casts
 * round as bfloat16 does, a frozen {@link Dense} in bfloat16 stays within bfloat16's precision of float32 forward
 * and backward, and a model trains with its frozen weights held that way. Skipped, with the reason, on a CPU
 * without native bfloat16, where the engines would emulate it.
 */
class Bfloat16Test {
    private static final Plugins PLUGINS = Plugins.load(Bfloat16Test.class.getClassLoader());

    @BeforeAll
    static void needsNativeBfloat16() {
        Backend.Availability hardware = CpuInfo.local().nativeBfloat16();
        assumeTrue(hardware.available(), "this CPU has no native bfloat16 (" + hardware.reason() + "): bf16 tests skipped");
    }

    private static Bfloat16 casts(String backend) {
        Backend b = PLUGINS.backends().get(backend);
        b.open();
        return b.bfloat16().orElseThrow();
    }

    private static NDManager manager(String backend) {
        return Engine.getEngine(backend.equals("cpu") ? "MXNet" : "PyTorch").newBaseManager();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "pytorch"})
    void narrowRoundsToNearestEvenAndWidenIsExact(String backend) {
        float[] values = {1f, 1.00390625f, 1.01171875f, -3.1415927f, 65504.5f, 1e-3f, 0f, -2.5e-8f};
        Bfloat16 bf16 = casts(backend);
        try (NDManager manager = manager(backend)) {
            float[] roundTrip = bf16.widen(bf16.narrow(manager.create(values))).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(roundTrip[i]).as("bf16(%s)", values[i]).isEqualTo(bfloat16(values[i]));
            }
        }
    }

    /** float32 to bfloat16, round to nearest, ties to even: keep the top 16 bits. 1 + 2^-8 rounds down to 1, 1 + 3 * 2^-8 up. */
    private static float bfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "pytorch"})
    void frozenDenseInBfloat16MatchesFloat32AndSendsTheGradientToTheInputOnly(String backend) {
        Bfloat16 bf16 = casts(backend);
        Engine engine = Engine.getEngine(backend.equals("cpu") ? "MXNet" : "PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            Dense dense = new Dense(256, 512);
            dense.setInitializer(new NormalInitializer(0.05f), ai.djl.nn.Parameter.Type.WEIGHT);
            dense.setInitializer(new NormalInitializer(0.05f), ai.djl.nn.Parameter.Type.BIAS);
            dense.freezeParameters(true);
            dense.initialize(manager, DataType.FLOAT32, new Shape(4, 16, 256));
            float[] weightBefore = dense.getParameters().get("weight").getArray().toFloatArray();
            NDArray x = manager.randomNormal(new Shape(4, 16, 256));
            NDArray dy = manager.randomNormal(new Shape(4, 16, 512));
            Pass fp32 = pass(engine, manager, dense, x, dy);

            assertThat(dense.holdInBfloat16(bf16)).isEqualTo(256L * 512 + 512);
            Pass bf = pass(engine, manager, dense, x, dy);

            assertThat(dense.heldInBfloat16()).isTrue();
            // bfloat16 keeps 8 significant bits (relative rounding 2^-9 = 0.2%); over 256 products the errors average out
            assertThat(relativeL2(bf.y, fp32.y)).as("forward").isBetween(1e-4, 1e-2);
            assertThat(relativeL2(bf.dx, fp32.dx)).as("gradient to the input").isBetween(1e-4, 1e-2);
            assertThat(dense.getParameters().get("weight").getArray().hasGradient()).as("no gradient for the frozen weight").isFalse();
            assertThat(dense.getParameters().get("weight").getArray().toFloatArray()).containsExactly(weightBefore);
        }
    }

    private record Pass(float[] y, float[] dx) {
    }

    private static Pass pass(Engine engine, NDManager manager, Dense dense, NDArray x, NDArray dy) {
        try (NDManager step = manager.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(step);
            input.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray out = dense.forward(new ParameterStore(step, false), new NDList(input), true).singletonOrThrow();
                y = out.toFloatArray();
                collector.backward(out.mul(dy).sum());
            }
            return new Pass(y, input.getGradient().toFloatArray());
        }
    }

    private static double relativeL2(float[] actual, float[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (actual[i] - expected[i]) * (double) (actual[i] - expected[i]);
            norm += expected[i] * (double) expected[i];
        }
        return Math.sqrt(diff / norm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "pytorch"})
    void bitXorTrainsWithItsFrozenWeightsInBfloat16(String backend) {
        Backend b = PLUGINS.backends().get(backend);
        String engine = b.open().getEngineName();
        Precision.Choice precision = Precision.BF16.resolve(b);
        assertThat(precision.label()).isEqualTo("bf16");
        assertThat(precision.reason()).startsWith("asked for bf16; native bfloat16 (");
        Task task = PLUGINS.tasks().get("bit-xor").create(TaskOptions.of(7));
        TrainingConfig config = TrainingConfig.defaults(60, 32, 7);
        try (FptTrainer trainer = new FptTrainer(task, new Gpt2Body(Gpt2Config.tiny().withDropout(0f), "random init"),
                PLUGINS.adapters().get("linear"), PLUGINS.policies().get("fpt"), Readout.LAST, config, b.device(), engine)) {
            // float32 kept (as for --export-body), so that the frozen weights can be read back after training
            FptModel.HeldInBfloat16 held = trainer.useBfloat16(precision.bfloat16().orElseThrow(), true);
            assertThat(held.layers()).as("c_attn, c_proj, c_fc, mlp.c_proj in each of 2 layers").isEqualTo(8);
            float[] frozenBefore = trainer.parameters().entrySet().stream().filter(e -> e.getKey().dotted().equals("body.h.0.mlp.c_fc.weight"))
                    .findFirst().orElseThrow().getValue().getArray().toFloatArray();
            Random rng = new Random(7);
            float first = trainer.step(task.trainBatch(32, rng));
            float last = first;
            for (int step = 1; step < config.steps(); step++) {
                last = trainer.step(task.trainBatch(32, rng));
            }
            assertThat(last).as("loss after %d bf16 steps", config.steps()).isLessThan(first * 0.8f);
            assertThat(trainer.parameters().entrySet().stream().filter(e -> e.getKey().dotted().equals("body.h.0.mlp.c_fc.weight"))
                    .findFirst().orElseThrow().getValue().getArray().toFloatArray()).containsExactly(frozenBefore);
        }
    }
}
