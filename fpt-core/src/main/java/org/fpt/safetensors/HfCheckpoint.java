package org.fpt.safetensors;

import static org.fpt.safetensors.CheckpointException.tensor;

import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.fpt.io.AtomicFiles;

/**
 * A Hugging Face checkpoint directory: {@code model.safetensors} (float32, {@code format: pt}) and
 * {@code config.json}. Reading maps a body's parameter paths to the file's keys, which HF saves bare
 * ({@code encoder.layer.0...}, a base model) or under the model's prefix ({@code bert.}, {@code vit.}: a model
 * with a task head).
 */
public final class HfCheckpoint {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";

    private HfCheckpoint() {
    }

    /**
     * Writes the tensors ({@code shapes} in file order; each one's values asked for only while it is written)
     * and then {@code config}: a directory counts as a checkpoint once its config.json exists, and each file
     * appears atomically.
     */
    public static void write(Path directory, Map<String, Shape> shapes, Function<String, float[]> values, Map<String, Object> config) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        shapes.forEach((key, shape) -> writer.add(key, shape.getShape(), () -> values.apply(key)));
        writer.write(directory.resolve(WEIGHTS));
        AtomicFiles.writeString(directory.resolve(CONFIG), new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(config) + "\n");
    }

    /**
     * The {@code config.json} fields HF's BERT-style encoders (BertConfig, ViTConfig) share; a family adds its own.
     * One dropout rate serves both HF's hidden and attention dropout, as in the bodies.
     */
    public static Map<String, Object> encoderConfig(String modelType, String architecture, int hidden, int layers, int heads,
                                                    int intermediate, float dropout, float layerNormEps) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", modelType);
        json.put("architectures", List.of(architecture));
        json.put("hidden_size", hidden);
        json.put("num_hidden_layers", layers);
        json.put("num_attention_heads", heads);
        json.put("intermediate_size", intermediate);
        json.put("hidden_act", "gelu");
        json.put("hidden_dropout_prob", dropout);
        json.put("attention_probs_dropout_prob", dropout);
        json.put("layer_norm_eps", layerNormEps);
        json.put("torch_dtype", "float32");
        return json;
    }

    /**
     * The file key of every expected parameter path, with or without {@code prefix}, after checking all of them
     * before anything is copied: each is present, float-readable and of the expected shape, and no other key
     * that {@code isBodyKey} claims is in the file (a sign of a deeper model than {@code model} describes: the
     * error asks whether config.json's {@code depthField} is right).
     */
    public static Map<String, String> bodyKeys(Safetensors file, String prefix, Map<String, Shape> expected,
                                               Predicate<String> isBodyKey, String model, String depthField) {
        Map<String, String> keys = new LinkedHashMap<>();
        expected.forEach((path, shape) -> {
            String key = file.find(prefix + path).isPresent() ? prefix + path : path;
            TensorEntry entry = file.find(key).orElseThrow(() -> new CheckpointException(file.file(), tensor(path),
                    "is missing (with or without the '" + prefix + "' prefix; expected shape " + shape + ")"));
            if (!entry.shape().equals(shape)) {
                throw new CheckpointException(file.file(), tensor(key), "expected shape " + shape + ", found " + entry.shape());
            }
            if (!entry.dtype().isFloatReadable()) {
                throw new CheckpointException(file.file(), tensor(key), "expected dtype F32, F16 or BF16, found " + entry.dtype());
            }
            keys.put(path, key);
        });
        List<String> unexpected = new ArrayList<>();
        for (String key : file.tensors().keySet()) {
            String path = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
            if (isBodyKey.test(path) && !expected.containsKey(path)) {
                unexpected.add(key);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new CheckpointException(file.file(), tensor(unexpected.get(0)), "is not a parameter of " + model
                    + " (unexpected keys: " + unexpected + "); is config.json's " + depthField + " right?");
        }
        return keys;
    }
}
