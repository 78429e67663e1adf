package org.fpt.weights;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fpt.model.Dense;
import org.fpt.model.ParameterPaths;
import org.fpt.model.VitModel;

/**
 * Copies an HF ViT checkpoint ({@code ViTModel} keys, or {@code ViTForImageClassification}'s with the
 * {@code vit.} prefix) into a {@link VitModel} whose parameters exist. Skipped, because FPT replaces them:
 * the patch projection ({@code embeddings.patch_embeddings.*}, the task's input layer does its job), the
 * {@code pooler} and the {@code classifier}. Every parameter must be present with its shape, and every other
 * body key is an error; all are checked before anything is copied. Linear weights are {@code [out, in]} in
 * both HF and here, so nothing is transposed.
 */
public final class VitWeights {
    public static final String PREFIX = "vit.";

    private VitWeights() {
    }

    public static void load(VitModel model, NamedTensors checkpoint) {
        Map<String, Parameter> parameters = ParameterPaths.of(model);
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            if (Dense.isAdapter(leaf(p.getKey()))) {
                continue; // LoRA adapters are not in checkpoints; they start at their own init
            }
            String key = keyFor(checkpoint, p.getKey());
            long[] expected = p.getValue().getShape().getShape();
            long[] found = checkpoint.shape(key);
            if (!Arrays.equals(expected, found)) {
                throw error(checkpoint, key, "expected shape " + new Shape(expected) + ", found " + new Shape(found));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : checkpoint.keys()) {
            String path = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            if (!isSkipped(path) && !parameters.containsKey(path)) {
                unexpected.add(key);
            }
        }
        if (!unexpected.isEmpty()) {
            throw error(checkpoint, unexpected.get(0), "is not a parameter of a " + model.config().numHiddenLayers()
                    + "-layer ViT body (unexpected keys: " + unexpected + "); is config.json's num_hidden_layers right?");
        }
        parameters.forEach((path, parameter) -> {
            if (!Dense.isAdapter(leaf(path))) {
                parameter.getArray().set(FloatBuffer.wrap(checkpoint.floats(keyFor(checkpoint, path))));
            }
        });
    }

    private static String keyFor(NamedTensors checkpoint, String path) {
        if (checkpoint.keys().contains(PREFIX + path)) {
            return PREFIX + path;
        }
        if (checkpoint.keys().contains(path)) {
            return path;
        }
        throw error(checkpoint, path, "is missing (with or without the '" + PREFIX + "' prefix)");
    }

    /** Keys FPT does not read: the patch projection, pooler and task heads. */
    static boolean isSkipped(String path) {
        return path.startsWith("embeddings.patch_embeddings.") || path.startsWith("pooler.") || path.startsWith("classifier.")
                || !(path.startsWith("embeddings.") || path.startsWith("encoder.") || path.startsWith("layernorm."));
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static IllegalArgumentException error(NamedTensors checkpoint, String key, String detail) {
        return new IllegalArgumentException(checkpoint.origin() + ": tensor '" + key + "' " + detail);
    }
}
