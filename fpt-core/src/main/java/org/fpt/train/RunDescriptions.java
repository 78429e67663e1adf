package org.fpt.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fpt.io.JsonFields;
import org.fpt.spi.BodySource.Init;

/** A {@link RunSpec} as JSON (stored in checkpoints, so a checkpoint alone can rebuild its model). */
public final class RunDescriptions {
    /**
     * Keys a resumed run may change: training longer, evaluating at another rate, another engine. Not the evaluation's batch
     * size (a resume that forgot it would go back to the default, which a long-sequence run may not hold). Not the precision:
     * a bf16 run resumed without {@code --precision bf16} would otherwise go on in fp32 without a word.
     */
    private static final java.util.Set<String> MAY_CHANGE = java.util.Set.of("steps", "eval_every", "backend");
    /**
     * What {@code --precision auto} resolved to, which a run's checkpoints record beside its description: a run may not
     * go on in another precision than it trained in (auto resolves per machine). Compared only where both sides have
     * it: older checkpoints, and the look ahead at a checkpoint's backend before the run loads, lack it.
     */
    public static final String AUTO_PRECISION = "auto_precision";

    private RunDescriptions() {
    }

    public static JsonObject toJson(RunSpec spec) {
        JsonObject json = new JsonObject();
        json.addProperty("task", spec.task());
        json.addProperty("body", spec.body());
        json.addProperty("init", spec.init().name().toLowerCase(Locale.ROOT));
        json.addProperty("policy", spec.policy());
        spec.backend().ifPresent(b -> json.addProperty("backend", b));
        spec.readout().ifPresent(r -> json.addProperty("readout", r));
        spec.dataDir().ifPresent(d -> json.addProperty("data_dir", d.toString()));
        spec.positions().ifPresent(n -> json.addProperty("positions", n)); // absent unless asked: older checkpoints still match
        JsonObject properties = new JsonObject();
        new java.util.TreeMap<>(spec.taskProperties()).forEach(properties::addProperty);
        json.add("task_properties", properties);
        TrainingConfig t = spec.training();
        json.addProperty("steps", t.steps());
        json.addProperty("batch_size", t.batchSize());
        json.addProperty("lr", t.learningRate());
        json.addProperty("seed", t.seed());
        json.addProperty("clip_norm", t.clipNorm());
        json.addProperty("eval_every", t.evalEvery());
        json.addProperty("eval_batch_size", t.evalBatchSize());
        if (t.splitsBatches()) { // absent unless asked: run keys and checkpoints from before micro-batches still match
            json.addProperty("micro_batch_size", t.microBatchSize());
        }
        if (spec.precision() != Precision.FP32) { // absent for fp32: run keys and checkpoints from before --precision still match
            json.addProperty("precision", spec.precision().label());
        }
        return json;
    }

    /** The run {@link #toJson} described; every key is type-checked, and an error names it ("run description: 'steps' ..."). */
    public static RunSpec fromJson(JsonObject json) {
        JsonFields f = new JsonFields(json, (key, detail) -> new IllegalArgumentException("run description: '" + key + "' " + detail));
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : f.object("task_properties").entrySet()) {
            JsonElement value = e.getValue();
            if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())) {
                throw new IllegalArgumentException("run description: task property '" + e.getKey() + "' must be a string, found " + value);
            }
            properties.put(e.getKey(), value.getAsString());
        }
        try {
            TrainingConfig training = new TrainingConfig(positive(f, "steps"), positive(f, "batch_size"), (float) f.number("lr"),
                    f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE), (float) f.number("clip_norm"), positive(f, "eval_every"),
                    positive(f, "eval_batch_size"), json.has("micro_batch_size") ? positive(f, "micro_batch_size") : positive(f, "batch_size"));
            RunSpec spec = new RunSpec(f.string("task"), f.string("body"), init(f.string("init")), f.string("policy"),
                    Optional.ofNullable(f.string("backend", null)), Optional.ofNullable(f.string("readout", null)),
                    Optional.ofNullable(f.string("data_dir", null)).map(RunDescriptions::path), properties, training);
            spec = json.has("positions") ? spec.withPositions(positive(f, "positions")) : spec;
            return spec.withPrecision(precision(f.string("precision", Precision.FP32.label())));
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("run description") ? e
                    : new IllegalArgumentException("run description: " + e.getMessage(), e);
        }
    }

    private static int positive(JsonFields f, String key) {
        return (int) f.integer(key, 1, Integer.MAX_VALUE);
    }

    private static Precision precision(String text) {
        try {
            return Precision.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run description: 'precision' " + e.getMessage());
        }
    }

    private static Init init(String text) {
        return switch (text) {
            case "pretrained" -> Init.PRETRAINED;
            case "random" -> Init.RANDOM;
            default -> throw new IllegalArgumentException("run description: 'init' must be pretrained or random, found '" + text + "'");
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("run description: 'data_dir' is not a path: " + e.getMessage());
        }
    }

    /** Refuses to resume {@code current} from a checkpoint of another run, naming every differing key. */
    static void requireSameRun(Path file, JsonObject saved, JsonObject current) {
        TreeSet<String> keys = new TreeSet<>(saved.keySet());
        keys.addAll(current.keySet());
        StringBuilder differences = new StringBuilder();
        for (String key : keys) {
            JsonElement a = saved.get(key);
            JsonElement b = current.get(key);
            // As written in JSON: a float from this run and the same number parsed from the file differ as objects.
            boolean comparable = !MAY_CHANGE.contains(key) && !(key.equals(AUTO_PRECISION) && (a == null || b == null));
            if (comparable && !String.valueOf(a).equals(String.valueOf(b))) {
                differences.append(differences.length() == 0 ? "" : ", ").append(key).append(": checkpoint ").append(a)
                        .append(", now ").append(b);
            }
        }
        if (differences.length() > 0) {
            throw new IllegalArgumentException("Cannot resume from " + file + ": it belongs to another run (" + differences + ")");
        }
    }
}
