package org.fpt.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.fpt.model.Dropouts;
import org.fpt.model.FptModel;
import org.fpt.model.Readout;
import org.fpt.model.Scalars;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;

/**
 * Trains an {@link FptModel} on a task: Adam on the parameters the policy trains (the rest are frozen and
 * never reach the optimizer), gradients clipped to a global norm, evaluation over whole splits. Each step's
 * arrays live in a sub-manager closed at the end of the step, so memory stays flat.
 *
 * <p>A run that diverges stops with a {@link TrainingDivergedException} naming the step: a training loss or
 * gradient norm that is not finite (checked on the values each step reads back anyway; the step is then not
 * applied), or an evaluation loss that is not finite (weights an update made non-finite show there, or in the
 * next step's loss).
 *
 * <p>Step {@code k}'s batch and dropout masks depend only on {@code (seed, k)} ({@link StepSeeds}), and the
 * optimizer's state is ours ({@link Adam}), so a run resumed from a {@link Checkpoint} is bit-for-bit the
 * uninterrupted run.
 */
public final class FptTrainer implements AutoCloseable {
    private final Task task;
    private final TrainingConfig config;
    private final Model model;
    private final FptModel fpt;
    private final Trainer trainer;
    private final BatchArrays arrays;
    private final BatchContract contract;
    private final Map<ParameterPath, Parameter> parameters;
    private final List<Parameter> trainable = new ArrayList<>();
    private final TrainableParameters trainableState;
    private final Engine engine;
    private final CollectionDuringBackward collections;
    private BodyIdentity bodyIdentity;

    /** As the named constructor, naming the task in errors by its class. */
    public FptTrainer(Task task, Body body, ModalityAdapter adapter, FreezingPolicy policy, Readout readout,
                      TrainingConfig config, Device device, String engineName) {
        this(BatchContract.nameOf(task), task, body, adapter, policy, readout, config, device, engineName);
    }

    /**
     * Builds the model; {@code taskName} names the task in errors, such as a batch that breaks its
     * {@link BatchContract} (every training and evaluation batch is checked before the model sees it).
     */
    public FptTrainer(String taskName, Task task, Body body, ModalityAdapter adapter, FreezingPolicy policy, Readout readout,
                      TrainingConfig config, Device device, String engineName) {
        this.task = task;
        this.contract = new BatchContract(taskName, task.input(), task.output());
        this.config = config;
        if (!adapter.supports(task.input())) {
            throw new IllegalArgumentException("Adapter '" + adapter.name() + "' does not support the task's input " + task.input());
        }
        if (task.input().tokens() > body.maxPositions()) {
            throw new IllegalArgumentException("The task has " + task.input().tokens() + " tokens; body '" + body.info().name()
                    + "' has only " + body.maxPositions() + " positions: pass --positions " + task.input().tokens()
                    + " to extend them (new rows start from the pretrained ones, and train under a policy that trains positions, as fpt does)");
        }
        requireBatchFits(task, config);
        FreezingPolicy prepared = policy.prepare(body); // before the body's parameters exist: LoRA adds its adapters here
        engine = Engine.getEngine(engineName);
        collections = new CollectionDuringBackward(engine.getEngineName());
        engine.setRandomSeed(Math.toIntExact(config.seed() & 0x7fffffff));
        int hidden = body.info().hiddenSize();
        fpt = new FptModel(task.input(), task.output(), adapter.inputLayer(task.input(), hidden), body,
                adapter.outputHead(hidden, task.output()));
        model = Model.newInstance("fpt", device, engineName);
        model.setBlock(fpt);
        parameters = fpt.parameters();
        Map<String, Parameter> trainableByPath = new LinkedHashMap<>();
        parameters.forEach((path, parameter) -> {
            boolean trains = prepared.trains(path);
            parameter.freeze(!trains);
            if (trains) {
                trainable.add(parameter);
                trainableByPath.put(path.dotted(), parameter);
            }
        });
        // Frozen before their arrays exist: a parameter initialized as trainable gets a gradient buffer that
        // freezing it afterwards does not free (the size of the frozen body: 340 MB for GPT-2 small).
        fpt.initialize(model.getNDManager(), config.batchSize());
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("Policy '" + policy.name() + "' trains no parameter of this model");
        }
        trainableState = new TrainableParameters(trainableByPath, config.learningRate());
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optDevices(new Device[] {device}));
        arrays = new BatchArrays(task.input(), task.output(), readout);
    }

    /** A batch's input values go into one Java array: refuse a batch size that overflows it, before training. */
    private static void requireBatchFits(Task task, TrainingConfig config) {
        int batch = Math.max(config.batchSize(), config.evalBatchSize());
        String option = config.evalBatchSize() > config.batchSize() ? "--eval-batch-size" : "--batch-size";
        long values = (long) batch * task.input().tokens() * Math.max(1, task.input().valueDim());
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format("A batch of %d examples of %d tokens x %d values holds %d input values, "
                    + "more than one array can (2^31 - 1): lower %s", batch, task.input().tokens(),
                    task.input().valueDim(), values, option));
        }
    }

    public FptModel model() {
        return fpt;
    }

    /**
     * Runs the products through every frozen weight matrix in bfloat16 from now on ({@code --precision bf16});
     * everything that trains stays float32. Unless {@code keepFloat32} (a run that exports its body needs them),
     * the frozen float32 weights are then freed. The body's identity is taken first, from the float32 values,
     * before the bfloat16 copies exist (so the hashing never adds to their peak). Returns what is now held in
     * bfloat16.
     */
    public FptModel.HeldInBfloat16 useBfloat16(org.fpt.spi.Bfloat16 casts, boolean keepFloat32) {
        bodyIdentity();
        FptModel.HeldInBfloat16 held = fpt.holdFrozenInBfloat16(casts);
        if (!keepFloat32) {
            fpt.releaseFrozenFloat32();
            // Pretrained weights loaded through NDArray.set live in direct buffers that the engine's arrays
            // reference (DJL's PyTorch set_ wraps the buffer): closing the arrays only drops the references, and
            // the memory returns when a collection finds the buffers unreachable. One now, at setup.
            System.gc();
        }
        return held;
    }

    /** Every parameter by path; frozen ones have {@code requiresGradient() == false}. */
    public Map<ParameterPath, Parameter> parameters() {
        return new LinkedHashMap<>(parameters);
    }

    public long trainableParams() {
        return trainable.stream().mapToLong(p -> p.getShape().size()).sum();
    }

    public long totalParams() {
        return parameters.values().stream().mapToLong(p -> p.getShape().size()).sum(); // shapes: bf16 may have freed the values
    }

    public TrainingResult train(TrainingListener listener) {
        return train(listener, Checkpointing.NONE);
    }

    /**
     * Trains to {@code config.steps()}, saving (and first resuming from) checkpoints as {@code checkpoints} says.
     * With a validation split, the model is selected on it: the weights of the evaluation with the best validation
     * accuracy (ties: the lower loss, then the earlier step) are kept, and the test split is evaluated with them,
     * which the model holds afterwards. Without one, the last weights are tested.
     */
    public TrainingResult train(TrainingListener listener, Checkpointing checkpoints) {
        long start = System.nanoTime();
        Split heldOut = task.size(Split.VALIDATION) > 0 ? Split.VALIDATION : Split.TEST;
        List<TrainingResult.Step> history = new ArrayList<>();
        int done = 0;
        Selected selected = null;
        Optional<Checkpoint> resumed = checkpoints.resumeFrom();
        if (resumed.isPresent()) {
            try (NativeWork unit = NativeWork.begin()) {
                done = restore(resumed.get());
            }
            history.addAll(resumed.get().history());
            selected = Selected.from(resumed.get()).orElse(null);
        }
        if (done > 0) {
            listener.onResume(done);
        }
        listener.onStart(config.steps());
        for (int step = done + 1; step <= config.steps(); step++) {
            float loss = step(step, task.trainBatch(config.batchSize(), StepSeeds.data(config.seed(), step)));
            listener.onStep(step, loss);
            if (step % config.evalEvery() == 0 || step == config.steps()) {
                Evaluation evaluation = evaluate(step, heldOut, listener);
                history.add(new TrainingResult.Step(step, loss, evaluation));
                listener.onEvaluation(step, evaluation);
                if (heldOut == Split.VALIDATION && (selected == null || selected.isWorseThan(evaluation))) {
                    try (NativeWork unit = NativeWork.begin()) {
                        selected = new Selected(step, evaluation, trainableState.weights());
                    }
                }
            }
            if (checkpoints.due(step, config.steps())) {
                try (NativeWork unit = NativeWork.begin()) {
                    checkpoints.save(checkpoint(step, history, checkpoints.run(), selected));
                }
            }
        }
        int testedStep = config.steps();
        Evaluation test;
        if (heldOut == Split.TEST) {
            test = history.get(history.size() - 1).evaluation();
        } else {
            if (selected != null && selected.step() != config.steps()) {
                try (NativeWork unit = NativeWork.begin()) {
                    trainableState.loadWeights(selected.weights());
                }
                testedStep = selected.step();
            }
            test = evaluate(config.steps(), Split.TEST, listener);
        }
        TrainingResult result = new TrainingResult(trainableParams(), totalParams(), history, test, testedStep,
                (System.nanoTime() - start) / 1e9);
        listener.onFinish(result);
        return result;
    }

    /** The weights of the best validation evaluation so far. */
    private record Selected(int step, Evaluation validation, Map<String, Checkpoint.Tensor> weights) {
        static Optional<Selected> from(Checkpoint checkpoint) {
            return checkpoint.selectedWeights().map(weights -> new Selected(checkpoint.selectedStep().getAsInt(),
                    checkpoint.selectedEvaluation().orElseThrow(), weights));
        }

        boolean isWorseThan(Evaluation other) {
            return other.accuracy() > validation.accuracy() || (other.accuracy() == validation.accuracy() && other.loss() < validation.loss());
        }
    }

    /** The resumable state after {@code step}: trainable weights, Adam's moments, history, body identity. */
    public Checkpoint checkpoint(int step, List<TrainingResult.Step> history, com.google.gson.JsonObject run) {
        return checkpoint(step, history, run, null);
    }

    private Checkpoint checkpoint(int step, List<TrainingResult.Step> history, com.google.gson.JsonObject run, Selected selected) {
        Map<String, Checkpoint.Tensor> tensors = trainableState.tensors();
        if (selected == null) {
            return new Checkpoint(run, bodyIdentity(), step, trainableState.optimizerSteps(), history, tensors);
        }
        selected.weights().forEach((path, tensor) -> tensors.put(Checkpoint.SELECTED_PREFIX + path, tensor));
        return new Checkpoint(run, bodyIdentity(), step, trainableState.optimizerSteps(), history, tensors, OptionalInt.of(selected.step()));
    }

    /** The frozen body's name and checksum (computed once: frozen weights never change). */
    public BodyIdentity bodyIdentity() {
        if (bodyIdentity == null) {
            bodyIdentity = BodyIdentity.of(fpt.body().info().name(), parameters);
        }
        return bodyIdentity;
    }

    /**
     * Loads a checkpoint's trainable weights and optimizer state; returns its step. Refused when the body
     * here is not the one it was trained on, or when the trainable tensors differ in name or shape.
     */
    public int restore(Checkpoint checkpoint) {
        BodyIdentity here = bodyIdentity();
        BodyIdentity saved = checkpoint.body();
        if (!here.name().equals(saved.name()) || !here.frozenSha256().equals(saved.frozenSha256())) {
            throw new IllegalArgumentException("The checkpoint was trained on body '" + saved.name() + "' whose frozen weights hash to "
                    + saved.frozenSha256() + "; the body built here, '" + here.name() + "', hashes to " + here.frozenSha256()
                    + " (other weights, another init seed, or for a random init another engine: a random body is drawn by the"
                    + " engine's generator, so it resumes only on the backend the checkpoint records)");
        }
        if (checkpoint.step() > config.steps()) {
            throw new IllegalArgumentException("The checkpoint is at step " + checkpoint.step() + ", past --steps " + config.steps());
        }
        trainableState.load(checkpoint, model.getNDManager());
        return checkpoint.step();
    }

    /** Replaces the trainable weights (not the optimizer's state) by {@code weights}, e.g. a checkpoint's {@link Checkpoint#selectedWeights()}. */
    public void useWeights(Map<String, Checkpoint.Tensor> weights) {
        trainableState.loadWeights(weights);
    }

    /** One optimizer step on {@code batch}; returns its loss. Refused, without an update, when it diverges. */
    public float step(Batch batch) {
        return step(trainableState.optimizerSteps() + 1, batch);
    }

    /**
     * Step {@code number}: forward, backward, clipping, Adam. The loss and the gradients' global norm are read
     * back anyway (the progress bar shows the one, clipping needs the other), so checking that both are finite
     * costs no extra synchronisation. When one is not, the gradients are cleared and nothing is updated: the
     * weights stay as they were after the last good step. A step whose backward pass a garbage collection may
     * have corrupted is computed again, with the same dropout masks ({@link CollectionDuringBackward}).
     */
    private float step(int number, Batch batch) {
        contract.check(batch, "training batch of step " + number);
        List<Batch> pieces = MicroBatches.split(batch, config.microBatchSize());
        try (NativeWork unit = NativeWork.begin()) {
            return step(number, pieces, batch.labels().length);
        }
    }

    private float step(int number, List<Batch> pieces, int batchLabels) {
        for (int attempt = 1; ; attempt++) {
            int dropoutSeed = StepSeeds.dropout(config.seed(), number);
            engine.setRandomSeed(dropoutSeed); // the engine's dropout (plugins; MXNet)
            Dropouts.seed(dropoutSeed); // ours on PyTorch, drawn in Java
            try (NDManager step = model.getNDManager().newSubManager()) {
                collections.start(attempt);
                float loss = forwardBackward(step, pieces, batchLabels);
                if (recomputes(step, number, attempt)) {
                    continue;
                }
                float norm = trainableState.clipGradients(step, config.clipNorm());
                if (!Float.isFinite(loss) || !Float.isFinite(norm)) {
                    List<String> where = Float.isFinite(norm) ? List.of() : trainableState.nonFiniteGradients(step);
                    trainableState.clearGradients(step);
                    TrainingDivergedException.requireFinite(number, "the training loss", loss);
                    TrainingDivergedException.requireFinite(number, "the gradients' global norm", norm, where);
                }
                trainableState.update(step);
                return loss;
            }
        }
    }

    /**
     * The batch's mean loss and its gradients, piece by piece: each piece's mean loss is weighted by its share of the
     * batch's labels, so the gradients add up to the whole batch's. A piece's arrays are freed after its backward
     * pass; only the gradients so far are carried ({@link TrainableParameters#carryGradients}).
     */
    private float forwardBackward(NDManager step, List<Batch> pieces, int batchLabels) {
        float loss = 0f;
        TrainableParameters.Carried carried = null;
        for (int i = 0; i < pieces.size(); i++) {
            Batch piece = pieces.get(i);
            try (NDManager arraysOfPiece = step.newSubManager()) {
                NDList inputs = arrays.inputs(arraysOfPiece, piece);
                NDList labels = arrays.labels(arraysOfPiece, piece);
                double share = (double) piece.labels().length / batchLabels;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray value = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
                    collector.backward(pieces.size() == 1 ? value : Scalars.times(value, share));
                    loss += (float) (value.getFloat() * share);
                }
            }
            if (pieces.size() > 1) {
                carried = trainableState.carryGradients(step, carried, i == pieces.size() - 1);
            }
        }
        return loss;
    }

    /** Whether the attempt's gradients must be discarded and the step computed again; they are discarded then. */
    private boolean recomputes(NDManager step, int number, int attempt) {
        boolean discard = true; // also when the guard gives up and throws
        try {
            discard = collections.mustRecompute(number, attempt);
            return discard;
        } finally {
            if (discard) {
                trainableState.clearGradients(step);
            }
        }
    }

    /**
     * Steps computed again so far (since this trainer's start) because a garbage collection ran while their
     * gradients were computed.
     */
    public int recomputedSteps() {
        return collections.recomputedSteps();
    }

    /** Loss and accuracy over every example of {@code split}, in order. */
    public Evaluation evaluate(Split split) {
        return evaluate(split, TrainingListener.NONE);
    }

    /** As {@link #evaluate(Split)}, reporting progress after each batch; a loss that is not finite is an error. */
    public Evaluation evaluate(Split split, TrainingListener listener) {
        return evaluate(0, split, listener);
    }

    private Evaluation evaluate(int step, Split split, TrainingListener listener) {
        Evaluation evaluation = measure(split, listener);
        TrainingDivergedException.requireFinite(step, "the loss over the " + split.name().toLowerCase(java.util.Locale.ROOT)
                + " split", evaluation.loss());
        return evaluation;
    }

    private Evaluation measure(Split split, TrainingListener listener) {
        int size = task.size(split);
        if (size == 0) {
            throw new IllegalStateException("The task has no " + split.name().toLowerCase() + " split");
        }
        double lossSum = 0;
        long correct = 0;
        long labelCount = 0;
        for (int from = 0; from < size; from += config.evalBatchSize()) {
            int to = Math.min(size, from + config.evalBatchSize());
            Batch batch = task.batch(split, from, to);
            contract.check(batch, split.name().toLowerCase(java.util.Locale.ROOT) + " examples " + from + "-" + (to - 1));
            try (NativeWork unit = NativeWork.begin(); NDManager step = model.getNDManager().newSubManager()) {
                NDList labels = arrays.labels(step, batch);
                NDList logits = trainer.evaluate(arrays.inputs(step, batch));
                int n = batch.labels().length;
                lossSum += trainer.getLoss().evaluate(labels, logits).getFloat() * n;
                int[] predicted = argMax(logits.singletonOrThrow());
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == batch.labels()[i]) {
                        correct++;
                    }
                }
                labelCount += n;
            }
            listener.onEvaluationProgress(split, to, size, (float) (lossSum / labelCount), (double) correct / labelCount);
        }
        return new Evaluation(split, size, (float) (lossSum / labelCount), (double) correct / labelCount);
    }

    /** Class probabilities for every label of {@code batch} ({@code labels()} may be empty): {@code [labels][classes]}. */
    public float[][] predict(Batch batch) {
        contract.checkInputs(batch, "batch to predict");
        try (NativeWork unit = NativeWork.begin(); NDManager step = model.getNDManager().newSubManager()) {
            NDArray probabilities = trainer.evaluate(arrays.inputs(step, batch)).singletonOrThrow().softmax(-1);
            int classes = task.output().numClasses();
            float[] flat = probabilities.toFloatArray();
            float[][] result = new float[flat.length / classes][];
            for (int i = 0; i < result.length; i++) {
                result[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
            }
            return result;
        }
    }

    private static int[] argMax(NDArray logits) {
        return logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    }

    @Override
    public void close() {
        try (NativeWork unit = NativeWork.begin()) {
            trainer.close();
            model.close();
        }
    }
}
