package org.fpt.bench;

import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.train.Precision;
import org.fpt.train.SyntheticRun;

/**
 * One model on one backend, ready to run {@link #run()} repeatedly: a training step on a fixed batch (so
 * every step does the same work) or a forward pass. Built the way the CLI builds a run, through the plugins.
 */
public final class BenchSession implements AutoCloseable {
    private final BenchShape shape;
    private final BenchMode mode;
    private final Backend backend;
    private final SyntheticRun run;
    private final long builtRssKb;

    public BenchSession(BenchShape shape, BenchMode mode, String backendName, Precision precision) {
        this.shape = shape;
        this.mode = mode;
        Plugins plugins = Plugins.load(BenchSession.class.getClassLoader());
        backend = plugins.backends().get(backendName);
        Backend.Availability availability = backend.availability();
        if (!availability.available()) {
            throw new IllegalStateException("Backend '" + backendName + "' is not available here: " + availability.reason());
        }
        run = new SyntheticRun(plugins, backend, shape.body(),
                new SyntheticRun.Shape(shape.batch(), shape.tokens(), shape.inputDim(), shape.classes()), mode.policy(), precision);
        builtRssKb = ProcStatus.rssKb();
    }

    /** Resident memory once the model is built (and under bf16 its frozen weights narrowed), before any step. */
    public long builtRssKb() {
        return builtRssKb;
    }

    /** One step; returns a value read back from the engine, so the work is done when it returns. */
    public float run() {
        return mode == BenchMode.INFERENCE ? run.predict() : run.step();
    }

    public BenchShape shape() {
        return shape;
    }

    public BenchMode mode() {
        return mode;
    }

    public String backendName() {
        return backend.name();
    }

    /** Engine name and version, e.g. {@code MXNet 1.9.1}. */
    public String engine() {
        return run.engine();
    }

    /** The precision the products through frozen weights run in, and why. */
    public Precision.Choice precision() {
        return run.precision();
    }

    public long trainableParams() {
        return run.trainableParams();
    }

    /** Training steps computed twice so far (a collection ran while their gradients were computed): a timed step that was takes twice as long. */
    public int recomputedSteps() {
        return run.recomputedSteps();
    }

    public long totalParams() {
        return run.totalParams();
    }

    @Override
    public void close() {
        run.close();
    }
}
