package org.fpt.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Locale;
import org.fpt.model.Dense;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.train.Precision;

/**
 * One frozen {@link Dense} layer of a chosen shape (default: GPT-2 small's {@code c_fc}, 512 tokens x 768 -> 3072),
 * timed forward and forward+backward (the gradient to the input only, as in a frozen step), in the precision
 * asked for: the product the frozen step spends half its time in, without the rest of the model.
 */
final class DenseGemm {
    private DenseGemm() {
    }

    static String run(String backendName, Precision precision, int rows, int in, int out, int steps) {
        Backend backend = Plugins.load(DenseGemm.class.getClassLoader()).backends().get(backendName);
        Engine engine = backend.open();
        Precision.Choice choice = precision.resolve(backend);
        try (NDManager manager = engine.newBaseManager()) {
            Dense dense = new Dense(in, out);
            dense.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
            dense.setInitializer(new NormalInitializer(0.02f), Parameter.Type.BIAS);
            dense.freezeParameters(true);
            dense.initialize(manager, DataType.FLOAT32, new Shape(rows, in));
            choice.bfloat16().ifPresent(dense::holdInBfloat16);
            NDArray x = manager.randomNormal(new Shape(rows, in));
            NDArray dy = manager.randomNormal(new Shape(rows, out));
            double gflop = 2.0 * rows * in * out / 1e9;
            double[] forward = time(steps, () -> pass(engine, manager, dense, x, dy, false));
            double[] backward = time(steps, () -> pass(engine, manager, dense, x, dy, true));
            return String.format(Locale.ROOT, """
                    dense %d x %d -> %d on %s (%s), precision %s (%s), %d timed runs after 3
                    forward:          best %.2f ms = %.0f GFLOP/s, median %.2f ms = %.0f GFLOP/s
                    forward+backward: best %.2f ms = %.0f GFLOP/s, median %.2f ms = %.0f GFLOP/s (2 products: output and input gradient)
                    RESULT gemm=%dx%dx%d backend=%s precision=%s fwd_best_ms=%.3f fwd_median_ms=%.3f fwdbwd_best_ms=%.3f fwdbwd_median_ms=%.3f""",
                    rows, in, out, backendName, engine.getEngineName() + " " + engine.getVersion(), choice.label(), choice.reason(), steps,
                    forward[0], gflop / forward[0] * 1e3, forward[1], gflop / forward[1] * 1e3,
                    backward[0], 2 * gflop / backward[0] * 1e3, backward[1], 2 * gflop / backward[1] * 1e3,
                    rows, in, out, backendName, choice.label(), forward[0], forward[1], backward[0], backward[1]);
        }
    }

    /** Best and median ms of {@code steps} runs after 3 untimed ones. */
    private static double[] time(int steps, Runnable run) {
        return org.fpt.train.Timings.bestAndMedianMs(3, steps, run);
    }

    /** Reads one value back, so an asynchronous engine (MXNet) has finished when it returns. */
    private static void pass(Engine engine, NDManager manager, Dense dense, NDArray x, NDArray dy, boolean backward) {
        try (NDManager step = manager.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(step);
            ParameterStore store = new ParameterStore(step, false);
            if (!backward) {
                dense.forward(store, new NDList(input), false).singletonOrThrow().get(0, 0).getFloat();
                return;
            }
            input.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = dense.forward(store, new NDList(input), true).singletonOrThrow();
                collector.backward(y.mul(dy).sum());
            }
            input.getGradient().get(0, 0).getFloat();
        }
    }
}
