package org.fpt.bodies.gpt2;

import static org.fpt.io.HfConfigJson.bool;
import static org.fpt.io.HfConfigJson.field;
import static org.fpt.io.HfConfigJson.integer;
import static org.fpt.io.HfConfigJson.number;
import static org.fpt.io.HfConfigJson.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Set;
import org.fpt.io.HfConfigJson;

/**
 * Reads HF's GPT-2 {@code config.json}. Missing fields take HF's {@code GPT2Config} defaults (as HF does);
 * fields that would change the computation in ways this body does not implement are refused, by name.
 */
public final class Gpt2ConfigJson {
    /** Both names HF uses for the tanh GELU of GPT-2; the body implements only this one. */
    private static final Set<String> TANH_GELU = Set.of("gelu_new", "gelu_pytorch_tanh");

    private Gpt2ConfigJson() {
    }

    public static JsonObject readObject(Path file) {
        return HfConfigJson.readObject(file);
    }

    /** The model_type field, or empty when absent. */
    public static String modelType(Path file) {
        return HfConfigJson.modelType(file);
    }

    public static Gpt2Config read(Path file, String name) {
        JsonObject o = readObject(file);
        String type = string(file, o, "model_type", "gpt2");
        if (!type.equals("gpt2")) {
            throw field(file, "model_type", "expected \"gpt2\", found \"" + type + "\"");
        }
        int nEmbd = integer(file, o, "n_embd", 768);
        int nHead = integer(file, o, "n_head", 12);
        int nLayer = integer(file, o, "n_layer", 12);
        int nPositions = integer(file, o, "n_positions", 1024);
        float eps = (float) number(file, o, "layer_norm_epsilon", 1e-5);
        float dropout = (float) number(file, o, "resid_pdrop", 0.1);
        String activation = string(file, o, "activation_function", "gelu_new");
        if (!TANH_GELU.contains(activation)) {
            throw field(file, "activation_function", "expected gelu_new (the body's tanh GELU), found \"" + activation + "\"");
        }
        JsonElement nInner = o.get("n_inner");
        if (nInner != null && !nInner.isJsonNull() && integer(file, o, "n_inner", 0) != 4 * nEmbd) {
            throw field(file, "n_inner", "expected null or 4 * n_embd = " + 4 * nEmbd + ", found " + nInner);
        }
        if (bool(file, o, "scale_attn_by_inverse_layer_idx", false)) {
            throw field(file, "scale_attn_by_inverse_layer_idx", "expected false (not implemented), found true");
        }
        if (!bool(file, o, "scale_attn_weights", true)) {
            throw field(file, "scale_attn_weights", "expected true (not implemented otherwise), found false");
        }
        if (nEmbd <= 0 || nHead <= 0 || nEmbd % nHead != 0) {
            throw field(file, "n_head", "expected a positive divisor of n_embd = " + nEmbd + ", found " + nHead);
        }
        return new Gpt2Config(name, nLayer, nHead, nEmbd, nPositions, dropout, eps);
    }
}
