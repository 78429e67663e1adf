package org.fpt.bodies.vit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.fpt.bodies.gpt2.Gpt2ConfigJson;
import org.fpt.model.ConfigValueException;
import org.fpt.safetensors.CheckpointException;

/**
 * Reads HF's ViT {@code config.json}. Missing fields take HF's {@code ViTConfig} defaults; fields that would
 * change the computation in ways the body does not implement are refused, by name.
 */
public final class VitConfigJson {
    private VitConfigJson() {
    }

    public static VitConfig read(Path file, String name) {
        JsonObject o = Gpt2ConfigJson.readObject(file);
        String type = string(o, "model_type", "");
        require(type.equals("vit"), file, "model_type", "expected \"vit\", found \"" + type + "\"");
        String act = string(o, "hidden_act", "gelu");
        require(act.equals("gelu"), file, "hidden_act", "expected \"gelu\" (the exact GELU the body implements), found \"" + act + "\"");
        require(!o.has("qkv_bias") || o.get("qkv_bias").getAsBoolean(), file, "qkv_bias", "expected true (the body has biases)");
        int hidden = integer(o, "hidden_size", 768);
        int heads = integer(o, "num_attention_heads", 12);
        require(heads > 0 && hidden % heads == 0, file, "num_attention_heads", "expected a divisor of hidden_size = " + hidden + ", found " + heads);
        int image = integer(o, "image_size", 224);
        int patch = integer(o, "patch_size", 16);
        require(patch > 0 && image % patch == 0, file, "patch_size", "expected a divisor of image_size = " + image + ", found " + patch);
        float dropout = (float) number(o, "hidden_dropout_prob", 0.0);
        try {
            return new VitConfig(name, integer(o, "num_hidden_layers", 12), heads, hidden, integer(o, "intermediate_size", 3072),
                    (image / patch) * (image / patch), dropout, (float) number(o, "layer_norm_eps", 1e-12));
        } catch (ConfigValueException e) { // the record's own checks: add the file
            throw new CheckpointException(file, "field " + e.key(), e.detail());
        }
    }

    private static void require(boolean ok, Path file, String field, String detail) {
        if (!ok) {
            throw new CheckpointException(file, "field " + field, detail);
        }
    }

    private static double number(JsonObject o, String name, double otherwise) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? otherwise : e.getAsDouble();
    }

    private static int integer(JsonObject o, String name, int otherwise) {
        return (int) number(o, name, otherwise);
    }

    private static String string(JsonObject o, String name, String otherwise) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? otherwise : e.getAsString();
    }
}
