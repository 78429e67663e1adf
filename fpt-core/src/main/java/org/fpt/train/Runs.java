package org.fpt.train;

import ai.djl.engine.Engine;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.fpt.model.BodyExport;
import org.fpt.model.Readout;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Body;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;

/** Resolves a {@link RunSpec}'s names to plugins and trains: the host's one entry point for a run. */
public final class Runs {
    private final Plugins plugins;
    private final FastestBackend fastest;

    @Inject
    public Runs(Plugins plugins) {
        this.plugins = plugins;
        this.fastest = new FastestBackend(plugins, BackendTimings.inUserCache());
    }

    public RunSummary run(RunSpec spec, TrainingListener listener) {
        return run(spec, listener, Checkpointing.NONE, Optional.empty());
    }

    /** Runs, then writes the trained body as a checkpoint directory ({@link BodyExport}) when asked to. */
    public RunSummary run(RunSpec spec, TrainingListener listener, Optional<Path> exportBody) {
        return run(spec, listener, Checkpointing.NONE, exportBody);
    }

    /** Trains {@code spec}, saving checkpoints (and first resuming from the latest) as {@code checkpoints} says. */
    public RunSummary run(RunSpec spec, TrainingListener listener, Checkpointing checkpoints) {
        return run(spec, listener, checkpoints, Optional.empty());
    }

    public RunSummary run(RunSpec spec, TrainingListener listener, Checkpointing checkpoints, Optional<Path> exportBody) {
        try (Loaded loaded = load(spec)) {
            TrainingResult result = loaded.trainer().train(listener, checkpoints.forRun(RunDescriptions.toJson(spec)));
            exportBody.ifPresent(directory -> BodyExport.write(loaded.trainer().model().body(), directory));
            return new RunSummary(spec.task(), spec.body(), spec.init().name().toLowerCase(Locale.ROOT), spec.policy(),
                    loaded.backend(), loaded.backendReason(), loaded.precision().label(), loaded.precision().reason(), spec.training().steps(), result.test().accuracy(), result.test().loss(),
                    result.trainableParams(), result.totalParams(), result.seconds(),
                    result.history().stream().map(s -> new RunSummary.Point(s.step(), s.trainLoss(),
                            s.evaluation().split().name().toLowerCase(Locale.ROOT), s.evaluation().loss(),
                            s.evaluation().accuracy())).toList());
        }
    }

    /**
     * The model a checkpoint holds, rebuilt from the run it describes (body, task, policy, seed) with its
     * trained tensors loaded: for {@code fpt eval}, {@code predict} and {@code attention}. Close it.
     */
    public Loaded restore(Path checkpointFile) {
        Checkpoint checkpoint = Checkpoint.read(checkpointFile);
        Loaded loaded = load(RunDescriptions.fromJson(checkpoint.run()));
        try {
            loaded.trainer().restore(checkpoint);
        } catch (RuntimeException e) {
            loaded.close();
            throw new IllegalArgumentException("Cannot load " + checkpointFile + ": " + e.getMessage(), e);
        }
        return loaded;
    }

    /** A built model with its task, on the backend and in the precision it runs in (and why): what {@link #restore} returns. */
    public record Loaded(RunSpec spec, Task task, FptTrainer trainer, String backend, String backendReason,
                         Precision.Choice precision) implements AutoCloseable {
        @Override
        public void close() {
            trainer.close();
        }
    }

    private Loaded load(RunSpec spec) {
        // Resolve every name first, so a typo fails before any data is read or engine loaded.
        TaskFactory taskFactory = plugins.tasks().get(spec.task());
        var policy = plugins.policy(spec.policy());
        var bodySource = plugins.bodySourceFor(spec.body());
        BackendChoice choice = spec.backend().map(name -> BackendChoice.named(plugins.backends().get(name)))
                .orElseGet(() -> fastest.choose(spec.precision()));
        Backend backend = choice.backend();
        if (!backend.availability().available()) {
            throw new PluginException("Backend '" + backend.name() + "' is not available here: " + backend.availability().reason());
        }
        Engine engine = backend.open();
        Precision.Choice precision = spec.precision().resolve(backend);
        Task task = taskFactory.create(new TaskOptions(spec.training().seed(), spec.dataDir(), spec.taskProperties()));
        ModalityAdapter adapter = plugins.adapters().get(task.inputAdapter());
        Body body = bodySource.create(spec.body(), spec.init());
        Readout readout = spec.readout().map(Readout::parse).orElseGet(() -> Readout.defaultFor(body.causal(), task.output().readTokens()));
        if (body.causal() && readout != Readout.LAST) {
            throw new IllegalArgumentException("Body '" + spec.body() + "' is causal: only --readout last sees the whole input");
        }
        FptTrainer trainer = new FptTrainer(spec.task(), task, body, adapter, policy, readout, spec.training(), backend.device(),
                engine.getEngineName());
        precision.bfloat16().ifPresent(trainer::useBfloat16);
        return new Loaded(spec, task, trainer, backend.name(), choice.reason(), precision);
    }
}
