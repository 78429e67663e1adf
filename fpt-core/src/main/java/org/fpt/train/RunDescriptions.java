package org.fpt.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fpt.spi.BodySource.Init;

/** A {@link RunSpec} as JSON (stored in checkpoints, so a checkpoint alone can rebuild its model). */
public final class RunDescriptions {
    /** Keys a resumed run may change: training longer, evaluating at another rate, another engine or precision. */
    private static final java.util.Set<String> MAY_CHANGE = java.util.Set.of("steps", "eval_every", "backend", "precision");

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
        json.addProperty("precision", spec.precision().label());
        return json;
    }

    public static RunSpec fromJson(JsonObject json) {
        Map<String, String> properties = new LinkedHashMap<>();
        json.getAsJsonObject("task_properties").entrySet().forEach(e -> properties.put(e.getKey(), e.getValue().getAsString()));
        TrainingConfig training = new TrainingConfig(json.get("steps").getAsInt(), json.get("batch_size").getAsInt(),
                json.get("lr").getAsFloat(), json.get("seed").getAsLong(), json.get("clip_norm").getAsFloat(),
                json.get("eval_every").getAsInt(), json.get("eval_batch_size").getAsInt());
        return new RunSpec(json.get("task").getAsString(), json.get("body").getAsString(),
                Init.valueOf(json.get("init").getAsString().toUpperCase(Locale.ROOT)), json.get("policy").getAsString(),
                optional(json, "backend"), optional(json, "readout"), optional(json, "data_dir").map(Path::of),
                properties, training, optional(json, "precision").map(Precision::parse).orElse(Precision.FP32));
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
            if (!MAY_CHANGE.contains(key) && !String.valueOf(a).equals(String.valueOf(b))) {
                differences.append(differences.length() == 0 ? "" : ", ").append(key).append(": checkpoint ").append(a)
                        .append(", now ").append(b);
            }
        }
        if (differences.length() > 0) {
            throw new IllegalArgumentException("Cannot resume from " + file + ": it belongs to another run (" + differences + ")");
        }
    }

    private static Optional<String> optional(JsonObject json, String key) {
        return json.has(key) ? Optional.of(json.get(key).getAsString()) : Optional.empty();
    }
}
