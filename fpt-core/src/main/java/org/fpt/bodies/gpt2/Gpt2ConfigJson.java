package org.fpt.bodies.gpt2;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Set;
import org.fpt.io.HfConfigJson;
import org.fpt.io.JsonFields;
import org.fpt.model.ConfigValueException;
import org.fpt.safetensors.CheckpointException;

/**
 * Reads HF's GPT-2 {@code config.json}. Missing fields take HF's {@code GPT2Config} defaults (as HF does);
 * fields that would change the computation in ways this body does not implement are refused, by name, and
 * so is every field of the wrong type: each error is one line naming the file and the field.
 */
public final class Gpt2ConfigJson {
    /** Both names HF uses for the tanh GELU of GPT-2; the body implements only this one. */
    private static final Set<String> TANH_GELU = Set.of("gelu_new", "gelu_pytorch_tanh");

    private Gpt2ConfigJson() {
    }

    /** The file as a JSON object: {@link HfConfigJson#readObject}. */
    public static JsonObject readObject(Path file) {
        return HfConfigJson.readObject(file);
    }

    /** Typed access to a config's fields, each error naming the file and the field. */
    public static JsonFields fields(Path file, JsonObject config) {
        return new JsonFields(config, (key, detail) -> new CheckpointException(file, "field " + key, detail));
    }

    /** The model_type field, or empty when absent or not a string. */
    public static String modelType(Path file) {
        return HfConfigJson.modelType(file);
    }

    public static Gpt2Config read(Path file, String name) {
        JsonFields o = fields(file, readObject(file));
        String type = o.string("model_type", "gpt2");
        if (!type.equals("gpt2")) {
            throw field(file, "model_type", "expected \"gpt2\", found \"" + type + "\"");
        }
        int nEmbd = (int) o.integer("n_embd", 768, 1, Integer.MAX_VALUE);
        int nHead = (int) o.integer("n_head", 12, 1, Integer.MAX_VALUE);
        int nLayer = (int) o.integer("n_layer", 12, 0, Integer.MAX_VALUE);
        int nPositions = (int) o.integer("n_positions", 1024, 0, Integer.MAX_VALUE);
        float eps = (float) o.number("layer_norm_epsilon", 1e-5);
        float dropout = (float) o.number("resid_pdrop", 0.1);
        String activation = o.string("activation_function", "gelu_new");
        if (!TANH_GELU.contains(activation)) {
            throw field(file, "activation_function", "expected gelu_new (the body's tanh GELU), found \"" + activation + "\"");
        }
        if (o.has("n_inner") && o.integer("n_inner", 0, Integer.MAX_VALUE) != 4L * nEmbd) {
            throw field(file, "n_inner", "expected null or 4 * n_embd = " + 4L * nEmbd + ", found " + o.integer("n_inner", 0, Integer.MAX_VALUE));
        }
        if (o.bool("scale_attn_by_inverse_layer_idx", false)) {
            throw field(file, "scale_attn_by_inverse_layer_idx", "expected false (not implemented), found true");
        }
        if (!o.bool("scale_attn_weights", true)) {
            throw field(file, "scale_attn_weights", "expected true (not implemented otherwise), found false");
        }
        if (nEmbd % nHead != 0) {
            throw field(file, "n_head", "expected a positive divisor of n_embd = " + nEmbd + ", found " + nHead);
        }
        try {
            return new Gpt2Config(name, nLayer, nHead, nEmbd, nPositions, dropout, eps);
        } catch (ConfigValueException e) { // the record's own checks: add the file
            throw field(file, e.key(), e.detail());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "config", e.getMessage(), e); // the record's own range checks
        }
    }

    private static CheckpointException field(Path file, String name, String detail) {
        return new CheckpointException(file, "field " + name, detail);
    }
}
