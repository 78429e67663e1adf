package org.fpt.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.safetensors.CheckpointException;

/**
 * Typed fields of an HF {@code config.json}. A missing or null field takes the given default (HF's, as HF
 * does); a field of the wrong type is an error naming the file and the field.
 */
public final class HfConfigJson {
    private HfConfigJson() {
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

    public static int integer(Path file, JsonObject o, String name, int otherwise) {
        double value = number(file, o, name, otherwise);
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            throw field(file, name, "expected a non-negative integer, found " + o.get(name));
        }
        return (int) value;
    }

    public static double number(Path file, JsonObject o, String name, double otherwise) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
            throw field(file, name, "expected a number, found " + e);
        }
        return e.getAsDouble();
    }

    public static String string(Path file, JsonObject o, String name, String otherwise) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            throw field(file, name, "expected a string, found " + e);
        }
        return e.getAsString();
    }

    public static boolean bool(Path file, JsonObject o, String name, boolean otherwise) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean())) {
            throw field(file, name, "expected true or false, found " + e);
        }
        return e.getAsBoolean();
    }

    public static CheckpointException field(Path file, String name, String detail) {
        return new CheckpointException(file, "field " + name, detail);
    }
}
