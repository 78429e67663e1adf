package org.fpt.bodies.vit;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fpt.model.InPlace;
import org.fpt.model.PeftSites;
import org.fpt.safetensors.HfCheckpoint;
import org.fpt.safetensors.Safetensors;

/**
 * Copies an HF ViT {@code model.safetensors} ({@code ViTModel}'s keys, or {@code ViTForImageClassification}'s
 * with the {@code vit.} prefix) into a {@link VitModel} whose parameters exist. Not read, because FPT replaces
 * them: the patch projection ({@code embeddings.patch_embeddings.*}: the task's input layer embeds the
 * patches), the {@code pooler} and the {@code classifier}. Every parameter must be present with its shape and
 * every other body key is an error; all are checked before anything is copied. Linear weights are
 * {@code [out, in]} in HF and here alike, so nothing is transposed. Parameters a PEFT method inserted are not
 * in checkpoints: they keep their initial values.
 */
public final class VitWeights {
    public static final String PREFIX = "vit.";

    private VitWeights() {
    }

    public static void load(VitModel model, Path file) {
        try (Safetensors checkpoint = Safetensors.open(file)) {
            Map<String, Parameter> parameters = PeftSites.baseParameters(model);
            Map<String, Shape> expected = new LinkedHashMap<>();
            parameters.forEach((path, parameter) -> expected.put(path, model.pretrainedShape(path, parameter.getShape())) /* positions as the file has them */);
            Map<String, String> keys = HfCheckpoint.bodyKeys(checkpoint, PREFIX, expected, VitWeights::isBodyKey,
                    "a " + model.config().numHiddenLayers() + "-layer ViT body", "num_hidden_layers");
            keys.forEach((path, key) -> InPlace.copy(model.fromPretrained(path, checkpoint.floats(key)), parameters.get(path).getArray()));
        }
    }

    /** Keys of the ViT body proper: everything but the patch projection, pooler and task heads. */
    static boolean isBodyKey(String path) {
        return (path.startsWith("embeddings.") || path.startsWith("encoder.") || path.startsWith("layernorm."))
                && !path.startsWith("embeddings.patch_embeddings.");
    }
}
