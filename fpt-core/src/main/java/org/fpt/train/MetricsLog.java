package org.fpt.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.fpt.io.AtomicFiles;

/**
 * A run's metrics as JSON lines, flushed line by line so a killed run leaves a readable file:
 * <pre>
 * {"run": {...}}                                                   first line: what ran (RunDescriptions)
 * {"session_start": 1765080000.0, "from_step": 0}                   each time the process (re)starts the run
 * {"step": 12, "train_loss": 0.41, "t": 1765080012.3}               every step
 * {"step": 20, "split": "test", "loss": 0.33, "accuracy": 0.87, "t": ...}   every evaluation
 * {"final": true, "step": 600, "split": "test", "loss": ..., "accuracy": ..., "tested_step": ..., "trainable_params": ..., "total_params": ..., "seconds": ...}
 * </pre>
 * {@code t} and {@code session_start} are Unix times in seconds: a run's wall time over all its sessions is
 * the sum, per session, of its last {@code t} minus its start ({@code seconds} on the final line counts the
 * last session only). On resume from step k, lines past step k (written after the checkpoint) are dropped
 * first, so the file reads as if the run had never stopped; session lines stay.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private final Path file;
    private final JsonObject run;
    private BufferedWriter writer;
    private int resumedAt;

    public MetricsLog(Path file, JsonObject run) {
        this.file = file;
        this.run = run;
    }

    @Override
    public void onResume(int doneSteps) {
        resumedAt = doneSteps;
    }

    @Override
    public void onStart(int steps) {
        if (resumedAt > 0 && Files.exists(file)) {
            keepLinesUpTo(resumedAt);
        } else {
            JsonObject first = new JsonObject();
            first.add("run", run);
            AtomicFiles.writeString(file, GSON.toJson(first) + "\n");
        }
        open();
        JsonObject session = new JsonObject();
        session.addProperty("session_start", now());
        session.addProperty("from_step", resumedAt);
        write(session);
    }

    /** Unix time in seconds to the millisecond, written plainly (a double would print as 1.7966E9). */
    private static java.math.BigDecimal now() {
        return java.math.BigDecimal.valueOf(System.currentTimeMillis(), 3);
    }

    private void keepLinesUpTo(int doneSteps) {
        try {
            StringBuilder kept = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonObject json = parse(line);
                if (json != null && !json.has("final") && (!json.has("step") || json.get("step").getAsInt() <= doneSteps)) {
                    kept.append(line).append('\n');
                }
            }
            AtomicFiles.writeString(file, kept.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read metrics " + file, e);
        }
    }

    @Override
    public void onStep(int step, float loss) {
        JsonObject line = new JsonObject();
        line.addProperty("step", step);
        line.addProperty("train_loss", loss);
        line.addProperty("t", now());
        write(line);
    }

    @Override
    public void onEvaluation(int step, Evaluation evaluation) {
        JsonObject line = evaluation(evaluation);
        line.addProperty("step", step);
        line.addProperty("t", now());
        write(line);
    }

    @Override
    public void onFinish(TrainingResult result) {
        JsonObject line = evaluation(result.test());
        line.addProperty("final", true);
        line.addProperty("step", result.history().isEmpty() ? 0 : result.history().get(result.history().size() - 1).step());
        line.addProperty("tested_step", result.testedStep());
        line.addProperty("t", now());
        line.addProperty("trainable_params", result.trainableParams());
        line.addProperty("total_params", result.totalParams());
        line.addProperty("seconds", result.seconds());
        write(line);
    }

    /**
     * {@code lines} without the wall clock: no session lines, no {@code t} or {@code seconds}. What must be identical
     * between two runs of one description, however often each was interrupted.
     */
    public static List<String> withoutClock(List<JsonObject> lines) {
        return lines.stream().filter(l -> !l.has("session_start")).map(l -> {
            JsonObject copy = l.deepCopy();
            copy.remove("t");
            copy.remove("seconds");
            return copy.toString();
        }).toList();
    }

    /** Every line of a metrics file as JSON; a last line cut off by a kill is skipped. */
    public static List<JsonObject> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(MetricsLog::parse)
                    .filter(java.util.Objects::nonNull).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read metrics " + file, e);
        }
    }

    private static JsonObject evaluation(Evaluation evaluation) {
        JsonObject line = new JsonObject();
        line.addProperty("split", evaluation.split().name().toLowerCase(Locale.ROOT));
        line.addProperty("loss", evaluation.loss());
        line.addProperty("accuracy", evaluation.accuracy());
        line.addProperty("examples", evaluation.examples());
        return line;
    }

    private static JsonObject parse(String line) {
        try {
            return line.isBlank() ? null : JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void open() {
        try {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write metrics " + file, e);
        }
    }

    private void write(JsonObject line) {
        try {
            writer.write(GSON.toJson(line));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write metrics " + file, e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close metrics " + file, e);
            }
            writer = null;
        }
    }
}
