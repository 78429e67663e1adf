package org.fpt.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.fpt.io.AtomicFiles;
import org.fpt.spi.Task.Split;
import org.fpt.train.Evaluation;
import org.fpt.train.Runs;
import org.fpt.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fpt eval --checkpoint FILE}: the checkpoint's model on a whole split (test by default). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a checkpoint on the test split (the run it came from is stored in it).")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--split", defaultValue = "test", description = "test | validation | train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--json", description = "Also write the evaluation as JSON to this file.")
    Path json;

    @Option(names = "--eval-batch-size", paramLabel = "N", description = "Evaluate in batches of N examples (default: the run's own, "
            + "which its checkpoint records). Changes no figure beyond float rounding, only memory and speed.")
    Integer evalBatchSize;

    @Override
    public Integer call() {
        Split which = OptionChecks.parsed(spec, () -> parseSplit(split));
        Evaluation evaluation;
        int weightsStep;
        OptionalInt batch = evalBatchSize == null ? OptionalInt.empty()
                : OptionalInt.of(OptionChecks.count(spec, "--eval-batch-size", evalBatchSize, TrainingConfig.MAX_BATCH_SIZE));
        try (Runs.Loaded loaded = checkpoint.restore(spec, batch);
             Progress progress = new Progress("eval")) {
            evaluation = loaded.trainer().evaluate(which, progress);
            weightsStep = loaded.weightsStep();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "checkpoint  %s%n", checkpoint.file);
        out.printf(Locale.ROOT, "weights     step %d%n", weightsStep);
        out.printf(Locale.ROOT, "split       %s (%d examples)%n", split, evaluation.examples());
        out.printf(Locale.ROOT, "accuracy    %.4f%n", evaluation.accuracy());
        out.printf(Locale.ROOT, "loss        %.4f%n", evaluation.loss());
        out.flush();
        if (json != null) {
            AtomicFiles.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(evaluation) + "\n");
        }
        return 0;
    }

    static Split parseSplit(String text) {
        try {
            return Split.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be test, validation or train, got '" + text + "'");
        }
    }
}
