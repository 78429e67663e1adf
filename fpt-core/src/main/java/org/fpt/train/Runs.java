package org.fpt.train;

import com.google.gson.JsonObject;
import ai.djl.Device;
import ai.djl.engine.Engine;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.fpt.hardware.CpuInfo;
import org.fpt.model.BodyExport;
import org.fpt.model.Readout;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves a {@link RunSpec}'s names to plugins and trains: the host's one entry point for a run. */
public final class Runs {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

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

    /**
     * Trains {@code spec}. A run that names no backend resumes on the one its checkpoint was trained on (a random-init
     * body's weights depend on the engine), and its checkpoints record the backend the default chose.
     */
    public RunSummary run(RunSpec spec, TrainingListener listener, Checkpointing checkpoints, Optional<Path> exportBody) {
        RunSpec onBackend = spec.backend().isPresent() ? spec : resumedBackend(spec, checkpoints).map(spec::withBackend).orElse(spec);
        String namedBy = spec.backend().isPresent() ? BackendChoice.NAMED : BackendChoice.OF_CHECKPOINT;
        try (Loaded loaded = load(onBackend, namedBy, false, exportBody.isPresent())) {
            JsonObject description = RunDescriptions.toJson(spec);
            description.addProperty("backend", loaded.backend());
            if (spec.precision() == Precision.AUTO) {
                description.addProperty(RunDescriptions.AUTO_PRECISION, loaded.precision().label());
            }
            TrainingResult result = loaded.trainer().train(listener, checkpoints.forRun(description));
            try (NativeWork unit = NativeWork.begin()) {
                exportBody.ifPresent(directory -> BodyExport.write(loaded.trainer().model().body(), directory));
            }
            return new RunSummary(spec.task(), spec.body(), spec.init().name().toLowerCase(Locale.ROOT), spec.policy(),
                    loaded.backend(), loaded.backendReason(), loaded.precision().label(), loaded.precision().reason(), spec.training().steps(),
                    result.testedStep(), result.test().accuracy(), result.test().loss(),
                    result.trainableParams(), result.totalParams(), result.seconds(), loaded.trainer().recomputedSteps(),
                    result.history().stream().map(s -> new RunSummary.Point(s.step(), s.trainLoss(),
                            s.evaluation().split().name().toLowerCase(Locale.ROOT), s.evaluation().loss(),
                            s.evaluation().accuracy())).toList());
        }
    }

    /**
     * The backend of the checkpoint {@code spec} would resume from: the one it records, or for a checkpoint from
     * before the default backend was measured per machine, the default by priority it was trained on.
     */
    private Optional<String> resumedBackend(RunSpec spec, Checkpointing checkpoints) {
        return checkpoints.forRun(RunDescriptions.toJson(spec)).peekResumeFrom().map(checkpoint -> recordedBackend(checkpoint.run()));
    }

    private String recordedBackend(JsonObject run) {
        return run.has("backend") ? run.get("backend").getAsString() : plugins.bestBackend().name();
    }

    /**
     * The model a checkpoint holds, rebuilt from the run it describes (body, task, policy, seed) with its
     * trained tensors loaded: for {@code fpt eval}, {@code predict} and {@code attention}. Close it.
     *
     * <p>A checkpoint is data: nothing in it chooses where the program reads task data or writes. The data
     * directory is the caller's ({@code --data-dir}); the one the run was trained with is ignored. And the
     * task is built read-only ({@link TaskOptions#readOnly()}), so settings in the file cannot make it
     * create files either (ListOps' {@code generate=true}).
     */
    public Loaded restore(Path checkpointFile) {
        return restore(checkpointFile, Optional.empty(), Weights.SELECTED);
    }

    /** Which of a checkpoint's weights a restored model holds. */
    public enum Weights {
        /** The weights selected on validation when the checkpoint holds them (what the run tested), else the last. */
        SELECTED,
        /** The weights at the checkpoint's step. */
        LAST
    }

    /** {@link #restore(Path)} for a task that reads files from {@code dataDir}, with the {@code weights} asked for. */
    public Loaded restore(Path checkpointFile, Optional<Path> dataDir, Weights weights) {
        return restore(checkpointFile, dataDir, weights, Optional.empty());
    }

    /**
     * As {@link #restore(Path, Optional, Weights)}, on {@code backend} when given (else the one the checkpoint was
     * trained on): a pretrained body loads anywhere, a random-init one only where its weights hash the same.
     */
    public Loaded restore(Path checkpointFile, Optional<Path> dataDir, Weights weights, Optional<String> backend) {
        return restore(checkpointFile, dataDir, weights, backend, OptionalInt.empty());
    }

    /** As {@link #restore(Path, Optional, Weights, Optional)}, evaluating in batches of {@code evalBatchSize} when given. */
    public Loaded restore(Path checkpointFile, Optional<Path> dataDir, Weights weights, Optional<String> backend, OptionalInt evalBatchSize) {
        Checkpoint checkpoint = Checkpoint.read(checkpointFile);
        RunSpec saved;
        try {
            saved = RunDescriptions.fromJson(checkpoint.run());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot load " + checkpointFile + ": " + e.getMessage(), e);
        }
        // Where it was trained: a random-init body's weights depend on the engine.
        RunSpec spec = new RunSpec(saved.task(), saved.body(), saved.init(), saved.policy(), backend.or(() -> Optional.of(recordedBackend(checkpoint.run()))), saved.readout(),
                dataDir, saved.taskProperties(), evalBatchSize.isPresent() ? saved.training().withEvalBatchSize(evalBatchSize.getAsInt())
                : saved.training(), saved.positions(), saved.precision());
        Loaded loaded = load(spec, backend.isPresent() ? BackendChoice.NAMED : BackendChoice.OF_CHECKPOINT, true, false);
        try {
            int step = loaded.trainer().restore(checkpoint);
            if (weights == Weights.SELECTED && checkpoint.selectedWeights().isPresent()) {
                loaded.trainer().useWeights(checkpoint.selectedWeights().get());
                step = checkpoint.selectedStep().getAsInt();
            }
            return loaded.holdingWeightsOf(step);
        } catch (RuntimeException e) {
            loaded.close();
            throw new IllegalArgumentException("Cannot load " + checkpointFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A built model with its task, on the backend and in the precision it runs in (and why): what {@link #restore}
     * returns, {@code weightsStep} saying from which step its trained weights are (0 before any).
     */
    public record Loaded(RunSpec spec, Task task, FptTrainer trainer, String backend, String backendReason,
                         Precision.Choice precision, int weightsStep) implements AutoCloseable {
        Loaded holdingWeightsOf(int step) {
            return new Loaded(spec, task, trainer, backend, backendReason, precision, step);
        }

        @Override
        public void close() {
            trainer.close();
        }
    }

    /** The backend's engine; a native library that cannot be extracted or loaded is one line naming the backend. */
    private static Engine open(Backend backend) {
        try {
            return backend.open();
        } catch (IllegalArgumentException e) { // the user's setting, named in the message: not a library that failed to load
            throw e;
        } catch (LinkageError | RuntimeException e) { // UnsatisfiedLinkError, ExceptionInInitializerError, EngineException
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = root.getMessage() == null ? root.getClass().getSimpleName()
                    : root.getClass().getSimpleName() + ": " + root.getMessage().lines().findFirst().orElse("");
            throw new PluginException("Backend '" + backend.name() + "' cannot load its engine (" + detail
                    + "); check that DJL_CACHE_DIR (default ~/.djl.ai) is writable and has free space", e);
        }
    }

    /**
     * Resolves every name of {@code spec} (task, policy with its options, body, backend, readout) without reading
     * data or loading an engine: a typo is refused at once, with the names on offer.
     */
    public void requireKnownNames(RunSpec spec) {
        resolve(spec);
    }

    /**
     * Checks all of {@code spec} that can be checked without reading data or weights or loading an engine: its names
     * ({@link #requireKnownNames}), its task's properties ({@link #requireTaskProperties}) and its body
     * ({@link #requireBody}). A run checks the same again as it loads, but only after its engine and data.
     */
    public void requireValid(RunSpec spec) {
        requireKnownNames(spec);
        requireTaskProperties(spec);
        requireBody(spec);
    }

    /**
     * {@code spec}'s task properties, names and values, as far as its task checks them without its data
     * ({@link TaskFactory#checkProperties}); the rest is checked when the task is built.
     */
    public void requireTaskProperties(RunSpec spec) {
        plugins.tasks().get(spec.task()).checkProperties(taskOptions(spec, false));
    }

    /**
     * Builds {@code spec}'s body with its init and positions, as a run does, lets its policy prepare it, and drops it:
     * a pretrained init where the body's source finds no weights is refused here, in the source's words, and so are a
     * policy that cannot apply to the body (a LoRA rank above a projection's size, a method with nothing to adapt) and a
     * readout the body cannot give. Cheap: a body reads its weights only when its model is initialised, and building
     * it loads no engine.
     */
    public void requireBody(RunSpec spec) {
        Body body = body(plugins.bodySourceFor(spec.body()), spec);
        plugins.policy(spec.policy()).prepare(body);
        spec.readout().map(Readout::parse).ifPresent(readout -> requireReadable(spec, body, readout));
    }

    private static void requireReadable(RunSpec spec, Body body, Readout readout) {
        if (body.causal() && readout != Readout.LAST) {
            throw new IllegalArgumentException("Body '" + spec.body() + "' is causal: only --readout last sees the whole input");
        }
    }

    /** {@code backend} is empty when the run names none: the default is chosen (maybe calibrated) only when it loads. */
    private record Resolved(TaskFactory task, FreezingPolicy policy, BodySource bodySource, Optional<Backend> backend, Optional<Readout> readout) {
    }

    private Resolved resolve(RunSpec spec) {
        return new Resolved(plugins.tasks().get(spec.task()), plugins.policy(spec.policy()), plugins.bodySourceFor(spec.body()),
                spec.backend().map(plugins.backends()::get), spec.readout().map(Readout::parse));
    }

    /**
     * A restored checkpoint ({@code restoring}) runs in the precision it was trained in; where that is bf16 and the
     * backend has no bfloat16 path here, the user can only pick another backend (eval and its kin take no --precision).
     */
    private static Precision.Choice resolvePrecision(RunSpec spec, Backend backend, boolean restoring) {
        if (restoring && spec.precision() == Precision.BF16 && backend.bfloat16().isEmpty()) {
            throw new IllegalArgumentException("The checkpoint was trained with --precision bf16, and backend '" + backend.name()
                    + "' has no bfloat16 path on this machine: pass --backend with one (fpt plugins lists them)");
        }
        return spec.precision().resolve(backend);
    }

    private static TaskOptions taskOptions(RunSpec spec, boolean readOnly) {
        return new TaskOptions(spec.training().seed(), spec.dataDir(), spec.taskProperties(), readOnly);
    }

    private static Body body(BodySource source, RunSpec spec) {
        Body body = source.create(spec.body(), spec.init());
        spec.positions().ifPresent(body::extendPositions);
        return body;
    }

    /** Emulated bfloat16 is many times slower than fp32: say so before the calibration and the first step, not only in the summary. */
    private void warnIfBfloat16IsEmulated(RunSpec spec, Optional<Backend> named) {
        boolean onCpu = named.map(b -> b.device().equals(Device.cpu())).orElseGet(() -> plugins.backends().all().stream()
                .noneMatch(b -> b.availability().available() && !b.device().equals(Device.cpu())));
        emulationWarning(spec.precision(), onCpu, CpuInfo.local().nativeBfloat16()).ifPresent(LOG::warn);
    }

    static Optional<String> emulationWarning(Precision precision, boolean onCpu, Backend.Availability native16) {
        if (precision != Precision.BF16 || !onCpu || native16.available()) {
            return Optional.empty();
        }
        return Optional.of("--precision bf16: no native bfloat16 here (" + native16.reason() + "), so the engine emulates it, 30-45x slower"
                + " than fp32 where measured (fpt-bench/README.md); --precision auto runs fp32 here");
    }

    /**
     * {@code namedBy}: why the backend is the one {@code spec} names, if it names one. {@code keepFloat32}: under bf16, keep
     * the frozen float32 weights too (exporting the body reads them).
     */
    private Loaded load(RunSpec spec, String namedBy, boolean readOnly, boolean keepFloat32) {
        Resolved names = resolve(spec); // first, so a typo fails before any data is read or engine loaded
        NativeWork.install(); // from here on a stop waits for the native work below: a body's weights, the model's arrays
        warnIfBfloat16IsEmulated(spec, names.backend());
        BackendChoice choice = names.backend().map(b -> BackendChoice.named(b, namedBy)).orElseGet(() -> fastest.choose(spec.precision()));
        Backend backend = choice.backend();
        if (!backend.availability().available()) {
            throw new PluginException("Backend '" + backend.name() + "' is not available here: " + backend.availability().reason());
        }
        Engine engine = open(backend);
        Precision.Choice precision = resolvePrecision(spec, backend, readOnly);
        Task task = names.task().create(taskOptions(spec, readOnly));
        ModalityAdapter adapter = plugins.adapters().get(task.inputAdapter());
        try (NativeWork unit = NativeWork.begin()) {
            Body body = body(names.bodySource(), spec);
            Readout readout = names.readout().orElseGet(() -> Readout.defaultFor(body.causal(), task.output().readTokens()));
            requireReadable(spec, body, readout);
            FptTrainer trainer = new FptTrainer(spec.task(), task, body, adapter, names.policy(), readout, spec.training(),
                    backend.device(), engine.getEngineName());
            precision.bfloat16().ifPresent(casts -> trainer.useBfloat16(casts, keepFloat32));
            return new Loaded(spec, task, trainer, backend.name(), choice.reason(), precision, 0);
        }
    }
}
