package org.fpt.bodies.gpt2;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.fpt.model.ConfigValueException;
import org.fpt.safetensors.CheckpointException;

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
        try {
            JsonElement root = JsonParser.parseString(Files.readString(file));
            if (!root.isJsonObject()) {
                throw new CheckpointException(file, "config", "expected a JSON object, found " + root);
            }
            return root.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new CheckpointException(file, "config", "cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    /** The model_type field, or empty when absent. */
    public static String modelType(Path file) {
        JsonElement type = readObject(file).get("model_type");
        return type != null && type.isJsonPrimitive() ? type.getAsString() : "";
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
        try {
            return new Gpt2Config(name, nLayer, nHead, nEmbd, nPositions, dropout, eps);
        } catch (ConfigValueException e) { // the record's own checks: add the file
            throw field(file, e.key(), e.detail());
        }
    }

    private static int integer(Path file, JsonObject o, String name, int otherwise) {
        double value = number(file, o, name, otherwise);
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            throw field(file, name, "expected a non-negative integer, found " + o.get(name));
        }
        return (int) value;
    }

    private static double number(Path file, JsonObject o, String name, double otherwise) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
            throw field(file, name, "expected a number, found " + e);
        }
        return e.getAsDouble();
    }

    private static String string(Path file, JsonObject o, String name, String otherwise) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            throw field(file, name, "expected a string, found " + e);
        }
        return e.getAsString();
    }

    private static boolean bool(Path file, JsonObject o, String name, boolean otherwise) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean())) {
            throw field(file, name, "expected true or false, found " + e);
        }
        return e.getAsBoolean();
    }

    private static CheckpointException field(Path file, String name, String detail) {
        return new CheckpointException(file, "field " + name, detail);
    }
}
