package org.fpt.bench;

import ai.djl.engine.Engine;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.train.FptTrainer;
import org.fpt.train.TrainingConfig;

/**
 * One model on one backend, ready to run {@link #run()} repeatedly: a training step on a fixed batch (so
 * every step does the same work) or a forward pass. Built the way the CLI builds a run, through the plugins.
 */
public final class BenchSession implements AutoCloseable {
    private final BenchShape shape;
    private final BenchMode mode;
    private final Backend backend;
    private final String engine;
    private final FptTrainer trainer;
    private final Batch batch;

    public BenchSession(BenchShape shape, BenchMode mode, String backendName) {
        this.shape = shape;
        this.mode = mode;
        Plugins plugins = Plugins.load(BenchSession.class.getClassLoader());
        backend = plugins.backends().get(backendName);
        Backend.Availability availability = backend.availability();
        if (!availability.available()) {
            throw new IllegalStateException("Backend '" + backendName + "' is not available here: " + availability.reason());
        }
        Engine opened = backend.open();
        engine = opened.getEngineName() + " " + opened.getVersion();
        SyntheticTask task = new SyntheticTask(shape, 42);
        Body body = new org.fpt.bodies.gpt2.Gpt2Body(shape.body(), "random init");
        TrainingConfig config = TrainingConfig.defaults(1, shape.batch(), 42);
        trainer = new FptTrainer(task, body, plugins.adapters().get("linear"), plugins.policies().get(mode.policy()),
                Readout.LAST, config, backend.device(), opened.getEngineName());
        batch = task.fixedBatch();
    }

    /** One step; returns a value read back from the engine, so the work is done when it returns. */
    public float run() {
        return mode == BenchMode.INFERENCE ? trainer.predict(batch)[0][0] : trainer.step(batch);
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
        return engine;
    }

    public long trainableParams() {
        return trainer.trainableParams();
    }

    public long totalParams() {
        return trainer.totalParams();
    }

    @Override
    public void close() {
        trainer.close();
    }
}
