package org.fpt.bodies.vit;

import static org.fpt.safetensors.CheckpointException.tensor;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fpt.model.Dense;
import org.fpt.model.ParameterPaths;
import org.fpt.safetensors.CheckpointException;
import org.fpt.safetensors.Safetensors;
import org.fpt.safetensors.TensorEntry;

/**
 * Copies an HF ViT {@code model.safetensors} ({@code ViTModel}'s keys, or {@code ViTForImageClassification}'s
 * with the {@code vit.} prefix) into a {@link VitModel} whose parameters exist. Not read, because FPT replaces
 * them: the patch projection ({@code embeddings.patch_embeddings.*}: the task's input layer embeds the
 * patches), the {@code pooler} and the {@code classifier}. Every parameter must be present with its shape and
 * every other body key is an error; all are checked before anything is copied. Linear weights are
 * {@code [out, in]} in HF and here alike, so nothing is transposed.
 */
public final class VitWeights {
    public static final String PREFIX = "vit.";

    private VitWeights() {
    }

    public static void load(VitModel model, Path file) {
        try (Safetensors checkpoint = Safetensors.open(file)) {
            Map<String, Parameter> parameters = ParameterPaths.of(model);
            parameters.keySet().removeIf(path -> Dense.isAdapter(path.substring(path.lastIndexOf('.') + 1)));
            for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
                TensorEntry entry = checkpoint.tensors().get(keyFor(checkpoint, p.getKey()));
                Shape expected = model.pretrainedShape(p.getKey(), p.getValue().getShape()); // positions as the file has them
                if (!entry.shape().equals(expected)) {
                    throw new CheckpointException(file, tensor(entry.key()), "expected shape " + expected + ", found " + entry.shape());
                }
            }
            List<String> unexpected = new ArrayList<>();
            for (String key : checkpoint.tensors().keySet()) {
                String path = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
                if (isBodyKey(path) && !parameters.containsKey(path)) {
                    unexpected.add(key);
                }
            }
            if (!unexpected.isEmpty()) {
                throw new CheckpointException(file, tensor(unexpected.get(0)), "is not a parameter of a "
                        + model.config().numHiddenLayers() + "-layer ViT body (unexpected keys: " + unexpected
                        + "); is config.json's num_hidden_layers right?");
            }
            parameters.forEach((path, parameter) ->
                    parameter.getArray().set(model.fromPretrained(path, checkpoint.floats(keyFor(checkpoint, path)))));
        }
    }

    private static String keyFor(Safetensors checkpoint, String path) {
        if (checkpoint.find(PREFIX + path).isPresent()) {
            return PREFIX + path;
        }
        if (checkpoint.find(path).isPresent()) {
            return path;
        }
        throw new CheckpointException(checkpoint.file(), tensor(path), "is missing (with or without the '" + PREFIX + "' prefix)");
    }

    /** Keys of the ViT body proper: everything but the patch projection, pooler and task heads. */
    static boolean isBodyKey(String path) {
        return (path.startsWith("embeddings.") || path.startsWith("encoder.") || path.startsWith("layernorm."))
                && !path.startsWith("embeddings.patch_embeddings.");
    }
}
