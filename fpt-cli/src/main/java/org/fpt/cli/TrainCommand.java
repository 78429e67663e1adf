package org.fpt.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fpt.io.AtomicFiles;
import org.fpt.model.PositionTables;
import org.fpt.spi.BodySource.Init;
import org.fpt.train.Checkpointing;
import org.fpt.train.MetricsLog;
import org.fpt.train.RunDescriptions;
import org.fpt.train.RunSpec;
import org.fpt.train.Precision;
import org.fpt.train.RunSummary;
import org.fpt.train.Runs;
import org.fpt.train.TrainingConfig;
import org.fpt.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fpt train}: one run, a progress bar, a summary (and optionally the summary as JSON). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a frozen pretrained transformer on a task and report test accuracy.")
final class TrainCommand implements Callable<Integer> {
    /** The embedded default: all-MiniLM-L6-v2, whose weights ship in a Maven jar (nothing to download). */
    static final String DEFAULT_BODY = "minilm-l6";
    static final String DEFAULT_INIT = "pretrained";

    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, description = "Task name (see 'fpt plugins'), e.g. bit-xor.")
    String task;

    @Option(names = "--body", defaultValue = DEFAULT_BODY, description = "Body name or checkpoint directory (default: ${DEFAULT-VALUE}).")
    String body;

    @Option(names = "--init", defaultValue = DEFAULT_INIT, description = "pretrained | random (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--policy", defaultValue = "fpt", description = "Freezing policy or PEFT method, e.g. lora:r=8,alpha=16 or ia3 (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--steps", defaultValue = "600", description = "Gradient steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--micro-batch-size", paramLabel = "N", description = {"Put each step's batch through the model in pieces of at most "
            + "N examples whose gradients add up: the same update in less memory, for long sequences (evaluation goes in batches of N too)."})
    Integer microBatchSize;

    @Option(names = "--eval-batch-size", paramLabel = "N", description = {"Evaluate in batches of N examples (default: the larger of "
            + "--batch-size and 64, or --micro-batch-size when smaller than --batch-size). Changes no trained weight, only the "
            + "evaluation's memory and speed."})
    Integer evalBatchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for data, initialisation and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-every", description = "Evaluate every N steps (default: steps / 10).")
    Integer evalEvery;

    @Option(names = "--data-dir", description = "Directory with the task's data files.")
    Path dataDir;

    @Option(names = {"-P", "--task-property"}, description = "Task property key=value (repeatable), e.g. -P max-length=512.")
    Map<String, String> taskProperties = new LinkedHashMap<>();

    @Option(names = "--positions", paramLabel = "N", description = {"Extend the body's learned positions to N, for tasks longer than "
            + "it was pretrained on: pretrained rows are kept, new rows start from them (docs/tasks.md)."})
    Integer positions;

    @Option(names = "--backend", description = "Backend name (default: the fastest available here, measured once per machine; see 'fpt plugins').")
    String backend;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 | bf16 | auto: bf16 holds the frozen weights in bfloat16 and multiplies through them in bfloat16 (float32 accumulation); what trains stays float32. auto = bf16 where the CPU has avx512_bf16 or amx_bf16 (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--readout", description = "Which outputs the head reads: last | first | mean (default: last for causal bodies; for bidirectional ones mean when the task reads one position, else last).")
    String readout;

    @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
    Path summaryJson;

    @Option(names = "--export-body", paramLabel = "DIR", description = "After training, write the body as model.safetensors + config.json in its family's HF layout (PEFT insertions merged) into DIR; --body DIR reads it back.")
    Path exportBody;

    @Option(names = "--checkpoint-dir", description = "Save resumable checkpoints (trainable tensors + optimizer state) here.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", description = "Save a checkpoint every N steps, and after the last (default: the eval interval).")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in --checkpoint-dir (a fresh start if there is none).")
    boolean resume;

    @Option(names = "--metrics", description = "Write metrics as JSON lines here (default: DIR/metrics.jsonl with --checkpoint-dir).")
    Path metrics;

    @Option(names = "--config", description = "Option defaults from a JSON or YAML file; command-line options override it.")
    Path config;

    @Override
    public Integer call() {
        if (config != null) {
            ConfigDefaults.load(config).requireKnownKeys(spec);
        }
        RunSpec run = runSpec();
        TrainingConfig training = run.training();
        if (resume && checkpointDir == null) {
            throw OptionChecks.usage(spec, "--resume needs --checkpoint-dir DIR (where the checkpoints are)");
        }
        Checkpointing checkpoints = checkpointDir == null ? Checkpointing.NONE
                : new Checkpointing(checkpointDir, checkpointEvery != null ? checkpointEvery : training.evalEvery(), resume);
        Runs runs = Host.injector().getInstance(Runs.class);
        OptionChecks.checked(spec, () -> runs.requireValid(run)); // names, -P, the body's weights: before any engine or data
        Path metricsFile = metrics != null ? metrics : checkpointDir != null ? checkpointDir.resolve("metrics.jsonl") : null;
        RunSummary summary;
        try (Progress progress = new Progress(task);
             MetricsLog log = metricsFile == null ? null : new MetricsLog(metricsFile, RunDescriptions.toJson(run))) {
            TrainingListener listener = log == null ? progress : TrainingListener.all(progress, log);
            summary = runs.run(run, listener, checkpoints, Optional.ofNullable(exportBody));
        }
        print(summary);
        if (exportBody != null) {
            spec.commandLine().getOut().printf("body exported to  %s%n", exportBody);
            spec.commandLine().getOut().flush();
        }
        if (summaryJson != null) {
            AtomicFiles.writeString(summaryJson, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(summary) + "\n");
        }
        return 0;
    }

    /** The run the options describe; a value out of range is a usage error naming its option. */
    private RunSpec runSpec() {
        OptionChecks.count(spec, "--steps", steps, TrainingConfig.MAX_STEPS);
        OptionChecks.count(spec, "--batch-size", batchSize, TrainingConfig.MAX_BATCH_SIZE);
        OptionChecks.rate(spec, "--lr", lr);
        TrainingConfig training = TrainingConfig.defaults(steps, batchSize, seed).withLearningRate(lr);
        if (evalEvery != null) {
            training = training.withEvalEvery(OptionChecks.count(spec, "--eval-every", evalEvery, TrainingConfig.MAX_STEPS));
        }
        if (microBatchSize != null) {
            if (microBatchSize < 1 || microBatchSize > batchSize) {
                throw OptionChecks.usage(spec, "--micro-batch-size must be between 1 and --batch-size (" + batchSize + "), got " + microBatchSize);
            }
            training = training.withMicroBatchSize(microBatchSize);
        }
        if (evalBatchSize != null) {
            training = training.withEvalBatchSize(OptionChecks.count(spec, "--eval-batch-size", evalBatchSize, TrainingConfig.MAX_BATCH_SIZE));
        }
        if (checkpointEvery != null) {
            OptionChecks.count(spec, "--checkpoint-every", checkpointEvery, TrainingConfig.MAX_STEPS);
        }
        Init parsedInit = OptionChecks.refusing(() -> parseInit(init), e -> OptionChecks.usage(spec, "--init: " + e.getMessage()));
        RunSpec run = new RunSpec(task, body, parsedInit, policy, Optional.ofNullable(backend), Optional.ofNullable(readout),
                Optional.ofNullable(dataDir), taskProperties, training).withPrecision(OptionChecks.parsed(spec, () -> Precision.parse(precision)));
        return positions == null ? run : run.withPositions(OptionChecks.count(spec, "--positions", positions, PositionTables.MAX_POSITIONS));
    }

    static Init parseInit(String text) {
        return switch (text) {
            case "pretrained" -> Init.PRETRAINED;
            case "random" -> Init.RANDOM;
            default -> throw new IllegalArgumentException("No init '" + text + "'. Available: pretrained, random");
        };
    }

    private void print(RunSummary s) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("task              %s%n", s.task());
        out.printf("body              %s (%s)%n", s.body(), s.init());
        out.printf("policy            %s%n", s.policy());
        out.printf("backend           %s (%s)%n", s.backend(), s.backend_reason());
        out.printf("precision         %s (%s)%n", s.precision(), s.precision_reason());
        out.printf("steps             %d%n", s.steps());
        out.printf("trainable params  %,d of %,d (%.3f%%)%n", s.trainable_params(), s.total_params(), 100.0 * s.trainable_params() / s.total_params());
        out.printf("test accuracy     %.4f%s%n", s.test_accuracy(), s.tested_step() == s.steps() ? ""
                : " (weights of step " + s.tested_step() + ", the best on validation)");
        out.printf("test loss         %.4f%n", s.test_loss());
        out.printf("seconds           %.1f (training and evaluation; setting up the data, engine and first-use timing not counted)%n", s.seconds());
        if (s.recomputed_steps() > 0) {
            out.printf("steps recomputed  %d (a garbage collection ran while their gradients were computed)%n", s.recomputed_steps());
        }
        out.flush();
    }
}
