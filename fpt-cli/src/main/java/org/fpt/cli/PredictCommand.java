package org.fpt.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fpt.train.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fpt predict --checkpoint FILE}: JSON lines in, one JSON line of predicted labels out per input. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run inputs through a checkpoint. Input: JSON lines, {\"values\": [[...], ...]} (one row per token)",
                "or {\"ids\": [...]}. Output: one line per input, {\"labels\": [...], \"probabilities\": [[...], ...]}."})
final class PredictCommand implements Callable<Integer> {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Spec
    CommandSpec spec;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--input", defaultValue = "-", description = "JSON-lines file, or - for standard input (default: ${DEFAULT-VALUE}).")
    String input;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Runs.Loaded loaded = checkpoint.restore(spec);
             BufferedReader reader = input.equals("-") ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                     : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                float[][] probabilities = loaded.trainer().predict(InputLines.parse(input.equals("-") ? "stdin" : input, number, line, loaded.task().input()));
                int[] labels = new int[probabilities.length];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = argMax(probabilities[i]);
                }
                JsonObject result = new JsonObject();
                result.add("labels", GSON.toJsonTree(labels));
                result.add("probabilities", GSON.toJsonTree(probabilities));
                out.println(GSON.toJson(result));
            }
        } catch (IOException | UncheckedIOException e) { // e.g. bytes that are not UTF-8
            throw new IllegalArgumentException("Cannot read " + input + ": " + e, e);
        }
        out.flush();
        return 0;
    }

    /** The most probable class. */
    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
