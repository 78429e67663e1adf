package org.fpt.train;

import ai.djl.engine.Engine;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Batch;

/**
 * A randomly initialised GPT-2-shaped body on a {@link SyntheticTask}, on one backend, built the way a run
 * builds its model: what the benchmarks time and what the backend calibration ({@link FastestBackend}) runs.
 * {@link #step()} is one training step on a fixed batch (the same work every time), {@link #predict()} one
 * forward pass.
 */
public final class SyntheticRun implements AutoCloseable {
    private final Engine engine;
    private final Precision.Choice precision;
    private final FptTrainer trainer;
    private final Batch batch;

    /** {@code backend} must be available; it is opened here. {@code policy} names a freezing policy. */
    public SyntheticRun(Plugins plugins, Backend backend, Gpt2Config body, Shape shape, String policy, Precision precision) {
        engine = backend.open();
        this.precision = precision.resolve(backend);
        SyntheticTask task = new SyntheticTask(shape.batch(), shape.tokens(), shape.inputDim(), shape.classes(), 42);
        trainer = new FptTrainer(task, new Gpt2Body(body, "random init"), plugins.adapters().get("linear"),
                plugins.policy(policy), Readout.LAST, TrainingConfig.defaults(1, shape.batch(), 42), backend.device(),
                engine.getEngineName());
        this.precision.bfloat16().ifPresent(casts -> trainer.useBfloat16(casts, false));
        batch = task.fixedBatch();
    }

    /** The batch: {@code batch} examples of {@code tokens} vectors of {@code inputDim} values, {@code classes} labels. */
    public record Shape(int batch, int tokens, int inputDim, int classes) {
    }

    /** One training step; returns the loss, read back from the engine, so the work is done when it returns. */
    public float step() {
        return trainer.step(batch);
    }

    /** One forward pass; returns a probability, read back from the engine. */
    public float predict() {
        return trainer.predict(batch)[0][0];
    }

    /** Engine name and version, e.g. {@code MXNet 1.9.1}. */
    public String engine() {
        return engine.getEngineName() + " " + engine.getVersion();
    }

    public Precision.Choice precision() {
        return precision;
    }

    public long trainableParams() {
        return trainer.trainableParams();
    }

    /** Steps computed again so far because a garbage collection ran while their gradients were computed. */
    public int recomputedSteps() {
        return trainer.recomputedSteps();
    }

    public long totalParams() {
        return trainer.totalParams();
    }

    @Override
    public void close() {
        trainer.close();
    }
}
