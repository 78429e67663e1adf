package org.fpt.train;

import ai.djl.engine.Engine;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.fpt.model.Readout;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Body;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.weights.BodyExport;

/** Resolves a {@link RunSpec}'s names to plugins and trains: the host's one entry point for a run. */
public final class Runs {
    private final Plugins plugins;

    @Inject
    public Runs(Plugins plugins) {
        this.plugins = plugins;
    }

    public RunSummary run(RunSpec spec, TrainingListener listener) {
        return run(spec, listener, Optional.empty());
    }

    /** Runs, then writes the trained body as a checkpoint directory ({@link BodyExport}) when asked to. */
    public RunSummary run(RunSpec spec, TrainingListener listener, Optional<Path> exportBody) {
        // Resolve every name first, so a typo fails before any data is read or engine loaded.
        TaskFactory taskFactory = plugins.tasks().get(spec.task());
        var policy = plugins.policy(spec.policy());
        var bodySource = plugins.bodySourceFor(spec.body());
        Backend backend = spec.backend().map(plugins.backends()::get).orElseGet(plugins::bestBackend);
        if (!backend.availability().available()) {
            throw new PluginException("Backend '" + backend.name() + "' is not available here: " + backend.availability().reason());
        }
        Engine engine = backend.open();
        Task task = taskFactory.create(new TaskOptions(spec.training().seed(), spec.dataDir(), spec.taskProperties()));
        ModalityAdapter adapter = plugins.adapters().get(task.inputAdapter());
        Body body = bodySource.create(spec.body(), spec.init());
        Readout readout = spec.readout().map(Readout::parse).orElseGet(() -> Readout.defaultFor(body.causal(), task.output().readTokens()));
        if (body.causal() && readout != Readout.LAST) {
            throw new IllegalArgumentException("Body '" + spec.body() + "' is causal: only --readout last sees the whole input");
        }
        try (FptTrainer trainer = new FptTrainer(task, body, adapter, policy, readout, spec.training(),
                backend.device(), engine.getEngineName())) {
            TrainingResult result = trainer.train(listener);
            exportBody.ifPresent(directory -> BodyExport.write(body, directory));
            return new RunSummary(spec.task(), spec.body(), spec.init().name().toLowerCase(Locale.ROOT), spec.policy(),
                    backend.name(), spec.training().steps(), result.test().accuracy(), result.test().loss(),
                    result.trainableParams(), result.totalParams(), result.seconds(),
                    result.history().stream().map(s -> new RunSummary.Point(s.step(), s.trainLoss(),
                            s.evaluation().split().name().toLowerCase(Locale.ROOT), s.evaluation().loss(),
                            s.evaluation().accuracy())).toList());
        }
    }
}
