package org.fpt.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fpt.io.JsonFields;
import org.fpt.safetensors.CheckpointException;
import org.fpt.safetensors.ContentChecksum;
import org.fpt.safetensors.Safetensors;
import org.fpt.safetensors.SafetensorsDtype;
import org.fpt.safetensors.SafetensorsWriter;
import org.fpt.safetensors.TensorEntry;
import org.fpt.spi.Task.Split;

/**
 * A resumable training state: the trainable tensors and the optimizer's moments (never the frozen body,
 * which {@link BodyIdentity} names instead), the step, the evaluation history and the run that made it.
 *
 * <p>On disk it is a <a href="https://github.com/huggingface/safetensors">safetensors</a> file, written and
 * read by {@link SafetensorsWriter} and {@link Safetensors} (one parser, every rule of the format checked),
 * so any safetensors reader can open the trained tensors. Tensor names: the parameter path for weights,
 * {@code optimizer.m.<path>} / {@code optimizer.v.<path>} for Adam's moments, all F32. The header's
 * {@code __metadata__} holds {@code format} ({@value #FORMAT}), {@code fpt.checkpoint} (JSON: run, body
 * identity, step, history) and {@code fpt.sha256}, a {@link ContentChecksum}. Reading checks the checksum
 * first, streaming, before any of the header is interpreted; then the layout, the dtypes and every field
 * of the stored state. Files are streamed out and memory-mapped in, so no size limit but the disk's applies
 * (each tensor holds at most 2^31 - 9 elements, a Java array's limit). Files written before this class used
 * the safetensors writer have the same layout and checksum, and read the same.
 *
 * <p>{@code selectedStep}: the step whose validation accuracy is the best so far, when the run has a
 * validation split; its trainable weights are kept beside the current ones as {@code selected.<path>}, so a
 * resumed run still selects among all its evaluations and the model selected on validation outlives the run
 * ({@link #selectedWeights()}). Checkpoints from before selection existed hold none.
 */
public record Checkpoint(JsonObject run, BodyIdentity body, int step, int optimizerSteps,
                         List<TrainingResult.Step> history, Map<String, Tensor> tensors, OptionalInt selectedStep) {
    public static final String FORMAT = "fpt-checkpoint-1";
    static final String MEAN_PREFIX = "optimizer.m.";
    static final String VARIANCE_PREFIX = "optimizer.v.";
    static final String SELECTED_PREFIX = "selected.";
    private static final String SHA_KEY = "fpt.sha256";
    private static final String STATE_KEY = "fpt.checkpoint";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    public Checkpoint {
        history = List.copyOf(history);
        tensors = Map.copyOf(new LinkedHashMap<>(tensors));
    }

    /** A checkpoint without a model selected on validation. */
    public Checkpoint(JsonObject run, BodyIdentity body, int step, int optimizerSteps, List<TrainingResult.Step> history,
                      Map<String, Tensor> tensors) {
        this(run, body, step, optimizerSteps, history, tensors, OptionalInt.empty());
    }

    /** A float32 tensor in row-major order. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != values.length) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
            }
        }
    }

    /** Writes the file atomically: streamed, signed, then renamed into place. */
    public void write(Path file) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", FORMAT).metadata(STATE_KEY, GSON.toJson(describe()));
        new TreeMap<>(tensors).forEach((name, t) -> writer.add(name, t.shape(), t.values()));
        writer.writeSigned(file, SHA_KEY);
    }

    public static Checkpoint read(Path file) {
        try {
            ContentChecksum.problem(file, SHA_KEY).ifPresent(problem -> {
                throw damaged(file, problem.startsWith("content checksum mismatch") ? mismatch(file, problem) : problem);
            });
            return readVerified(file);
        } catch (CheckpointException e) {
            throw damaged(file, withoutFile(e));
        }
    }

    private static Checkpoint readVerified(Path file) {
        try (Safetensors safetensors = Safetensors.open(file)) {
            String format = safetensors.metadata().get("format");
            if (!FORMAT.equals(format)) {
                throw damaged(file, "not an FPT checkpoint: __metadata__.format should be '" + FORMAT + "', found "
                        + (format == null ? "none" : "'" + format + "'"));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (TensorEntry entry : safetensors.tensors().values()) {
                if (entry.dtype() != SafetensorsDtype.F32) {
                    throw damaged(file, "tensor '" + entry.key() + "': expected dtype F32 (checkpoints hold float32), found " + entry.dtype());
                }
                tensors.put(entry.key(), new Tensor(entry.shape().getShape(), safetensors.floats(entry.key())));
            }
            String state = safetensors.metadata().get(STATE_KEY);
            if (state == null) {
                throw damaged(file, "no __metadata__." + STATE_KEY + " (the run, step and history) in the header");
            }
            return fromState(file, state, tensors);
        }
    }

    /**
     * A checksum mismatch, said more precisely where the safetensors reader (hardened against any header)
     * finds the layout broken too: "truncated" when the tensors run past the end of the file.
     */
    private static String mismatch(Path file, String problem) {
        try (Safetensors ignored = Safetensors.open(file)) {
            return problem;
        } catch (CheckpointException e) {
            String layout = withoutFile(e);
            return layout.contains("truncated") ? "truncated: " + layout + " (the content checksum does not match either)"
                    : problem + "; the layout is damaged too: " + layout;
        }
    }

    private static String withoutFile(CheckpointException e) {
        String prefix = e.file() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    private static Checkpoint fromState(Path file, String json, Map<String, Tensor> tensors) {
        String where = "__metadata__." + STATE_KEY;
        JsonObject state = JsonFields.parseObject(json, detail -> damaged(file, where + " " + detail));
        JsonFields f = fields(file, where, state);
        JsonObject run = f.object("run");
        try {
            if (!run.isEmpty()) { // a library run may store none; the CLI's always describe the whole run
                RunDescriptions.fromJson(run);
            }
        } catch (IllegalArgumentException e) {
            throw damaged(file, where + ": " + e.getMessage());
        }
        JsonFields body = fields(file, where + ".body", f.object("body"));
        String sha = body.string("frozenSha256");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw damaged(file, where + ".body: 'frozenSha256' must be 64 hex digits, found '" + abbreviate(sha) + "'");
        }
        BodyIdentity identity = new BodyIdentity(body.string("name"), sha, (int) body.integer("frozenTensors", 0, Integer.MAX_VALUE));
        int step = (int) f.integer("step", 0, Integer.MAX_VALUE);
        int optimizerSteps = (int) f.integer("optimizer_steps", 0, Integer.MAX_VALUE);
        List<TrainingResult.Step> history = history(file, where + ".history", f.array("history"), step);
        OptionalInt selected = state.has("selected_step") ? OptionalInt.of((int) f.integer("selected_step", 1, step)) : OptionalInt.empty();
        Checkpoint checkpoint = new Checkpoint(run, identity, step, optimizerSteps, history, tensors, selected);
        checkpoint.selectionProblem().ifPresent(problem -> {
            throw damaged(file, where + ": " + problem);
        });
        return checkpoint;
    }

    /** Why the selected model does not fit the rest: no validation evaluation at its step, or other tensors. */
    private Optional<String> selectionProblem() {
        Map<String, Tensor> selected = selectedTensors();
        if (selectedStep.isEmpty()) {
            return selected.isEmpty() ? Optional.empty()
                    : Optional.of("tensors " + new TreeSet<>(selected.keySet()) + " are named " + SELECTED_PREFIX + "* but no 'selected_step' is given");
        }
        int at = selectedStep.getAsInt();
        if (history.stream().noneMatch(s -> s.step() == at && s.evaluation().split() == Split.VALIDATION)) {
            return Optional.of("'selected_step' " + at + " has no validation evaluation in the history");
        }
        Map<String, Tensor> weights = weights();
        if (!selected.keySet().equals(weights.keySet())) {
            return Optional.of("the selected model's tensors " + new TreeSet<>(selected.keySet()) + " are not the trainable ones "
                    + new TreeSet<>(weights.keySet()));
        }
        for (Map.Entry<String, Tensor> e : selected.entrySet()) {
            if (!Arrays.equals(e.getValue().shape(), weights.get(e.getKey()).shape())) {
                return Optional.of("tensor '" + SELECTED_PREFIX + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
                        + ", the trainable one " + Arrays.toString(weights.get(e.getKey()).shape()));
            }
        }
        return Optional.empty();
    }

    private static List<TrainingResult.Step> history(Path file, String where, JsonArray array, int lastStep) {
        List<TrainingResult.Step> history = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = where + "[" + i + "]";
            JsonElement element = array.get(i);
            if (!element.isJsonObject()) {
                throw damaged(file, at + " must be an object, found " + abbreviate(element.toString()));
            }
            JsonFields point = fields(file, at, element.getAsJsonObject());
            JsonFields evaluation = fields(file, at + ".evaluation", point.object("evaluation"));
            String split = evaluation.string("split");
            if (Arrays.stream(Split.values()).noneMatch(s -> s.name().equals(split))) {
                throw damaged(file, at + ".evaluation: 'split' must be one of " + Arrays.toString(Split.values()) + ", found '"
                        + abbreviate(split) + "'");
            }
            history.add(new TrainingResult.Step((int) point.integer("step", 1, lastStep), (float) point.number("trainLoss"),
                    new Evaluation(Split.valueOf(split), (int) evaluation.integer("examples", 0, Integer.MAX_VALUE),
                            (float) evaluation.number("loss"), evaluation.number("accuracy"))));
        }
        return history;
    }

    private static JsonFields fields(Path file, String where, JsonObject object) {
        return new JsonFields(object, (key, detail) -> damaged(file, where + ": '" + key + "' " + detail));
    }

    /** The trainable weights at {@link #step()}: every tensor that is neither optimizer state nor the selected model. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (!name.startsWith(MEAN_PREFIX) && !name.startsWith(VARIANCE_PREFIX) && !name.startsWith(SELECTED_PREFIX)) {
                weights.put(name, t);
            }
        });
        return weights;
    }

    /** The trainable weights at {@link #selectedStep()} (best validation accuracy so far), when there is one. */
    public Optional<Map<String, Tensor>> selectedWeights() {
        return selectedStep.isPresent() ? Optional.of(selectedTensors()) : Optional.empty();
    }

    /** The selected step's validation evaluation, when there is one. */
    public Optional<Evaluation> selectedEvaluation() {
        return selectedStep.stream().boxed().flatMap(at -> history.stream().filter(s -> s.step() == at).map(TrainingResult.Step::evaluation))
                .findFirst();
    }

    private Map<String, Tensor> selectedTensors() {
        Map<String, Tensor> selected = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith(SELECTED_PREFIX)) {
                selected.put(name.substring(SELECTED_PREFIX.length()), t);
            }
        });
        return selected;
    }

    private JsonObject describe() {
        JsonObject state = new JsonObject();
        state.add("run", run);
        state.add("body", GSON.toJsonTree(body));
        state.addProperty("step", step);
        state.addProperty("optimizer_steps", optimizerSteps);
        state.add("history", GSON.toJsonTree(history));
        selectedStep.ifPresent(at -> state.addProperty("selected_step", at));
        return state;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " characters)";
    }

    private static IllegalArgumentException damaged(Path file, String what) {
        return new IllegalArgumentException("Checkpoint " + file + " is refused: " + what);
    }
}
