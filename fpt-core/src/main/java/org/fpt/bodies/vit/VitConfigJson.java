package org.fpt.bodies.vit;

import java.nio.file.Path;
import org.fpt.bodies.gpt2.Gpt2ConfigJson;
import org.fpt.io.JsonFields;
import org.fpt.model.ConfigValueException;
import org.fpt.safetensors.CheckpointException;

/**
 * Reads HF's ViT {@code config.json}. Missing fields take HF's {@code ViTConfig} defaults; fields that would
 * change the computation in ways the body does not implement are refused, by name, and so is every field of
 * the wrong type: each error is one line naming the file and the field.
 */
public final class VitConfigJson {
    private VitConfigJson() {
    }

    public static VitConfig read(Path file, String name) {
        JsonFields o = Gpt2ConfigJson.fields(file, Gpt2ConfigJson.readObject(file));
        String type = o.string("model_type", "");
        require(type.equals("vit"), file, "model_type", "expected \"vit\", found \"" + type + "\"");
        String act = o.string("hidden_act", "gelu");
        require(act.equals("gelu"), file, "hidden_act", "expected \"gelu\" (the exact GELU the body implements), found \"" + act + "\"");
        require(o.bool("qkv_bias", true), file, "qkv_bias", "expected true (the body has biases), found false");
        int hidden = (int) o.integer("hidden_size", 768, 1, Integer.MAX_VALUE);
        int heads = (int) o.integer("num_attention_heads", 12, 1, Integer.MAX_VALUE);
        require(hidden % heads == 0, file, "num_attention_heads", "expected a divisor of hidden_size = " + hidden + ", found " + heads);
        int image = (int) o.integer("image_size", 224, 1, Integer.MAX_VALUE);
        int patch = (int) o.integer("patch_size", 16, 1, Integer.MAX_VALUE);
        require(image % patch == 0, file, "patch_size", "expected a divisor of image_size = " + image + ", found " + patch);
        long patches = (long) (image / patch) * (image / patch);
        require(patches < Integer.MAX_VALUE, file, "patch_size", "image_size / patch_size = " + image / patch + " makes more patches than fit an int");
        float dropout = (float) o.number("hidden_dropout_prob", 0.0);
        int layers = (int) o.integer("num_hidden_layers", 12, 0, Integer.MAX_VALUE);
        int intermediate = (int) o.integer("intermediate_size", 3072, 1, Integer.MAX_VALUE);
        float eps = (float) o.number("layer_norm_eps", 1e-12);
        try {
            return new VitConfig(name, layers, heads, hidden, intermediate, (int) patches, dropout, eps);
        } catch (ConfigValueException e) { // the record's own checks: add the file
            throw new CheckpointException(file, "field " + e.key(), e.detail());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "config", e.getMessage(), e); // the record's own range checks
        }
    }

    private static void require(boolean ok, Path file, String field, String detail) {
        if (!ok) {
            throw new CheckpointException(file, "field " + field, detail);
        }
    }
}
