package org.fpt.bodies.vit;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fpt.model.PeftSites;
import org.fpt.safetensors.HfCheckpoint;

/**
 * Writes a ViT body as an HF ViTModel checkpoint directory: {@code model.safetensors} with ViTModel's bare keys
 * ({@code embeddings.cls_token}, {@code encoder.layer.0.attention.attention.query.weight}, ...) and a
 * {@code config.json}, so {@code --body DIR} reads it back. There is no patch projection: in FPT the task's
 * input layer embeds the patches. The body knows only its patch count, so {@code patch_size} is written as 16
 * and {@code image_size} as the size that gives that count (a body whose count is no square is refused).
 */
public final class VitExport {
    static final int PATCH_SIZE = 16;

    private VitExport() {
    }

    public static void write(VitModel model, Path directory) {
        Map<String, Parameter> parameters = PeftSites.baseParameters(model);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        parameters.forEach((path, parameter) -> shapes.put(path, parameter.getShape()));
        HfCheckpoint.write(directory, shapes, path -> parameters.get(path).getArray().toFloatArray(), config(model.config()));
    }

    static Map<String, Object> config(VitConfig c) {
        int side = (int) Math.round(Math.sqrt(c.numPatches()));
        if (side * side != c.numPatches()) {
            throw new IllegalArgumentException("ViT body '" + c.name() + "' has " + c.numPatches()
                    + " patches, no square grid: HF's config.json cannot describe it (image_size / patch_size squared)");
        }
        Map<String, Object> json = HfCheckpoint.encoderConfig("vit", "ViTModel", c.hiddenSize(), c.numHiddenLayers(),
                c.numAttentionHeads(), c.intermediateSize(), c.dropout(), c.layerNormEps());
        json.put("image_size", side * PATCH_SIZE);
        json.put("patch_size", PATCH_SIZE);
        json.put("num_channels", 3);
        json.put("qkv_bias", true);
        return json;
    }
}
