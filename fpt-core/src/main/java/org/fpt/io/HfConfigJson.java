package org.fpt.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;
import org.fpt.safetensors.CheckpointException;

/**
 * Typed fields of an HF {@code config.json}. A missing or null field takes the given default (HF's, as HF
 * does); a field of the wrong type is an error naming the file and the field.
 */
public final class HfConfigJson {
    private HfConfigJson() {
    }

    /** HF's configs are a few KB (a 21k-class id2label map about 1 MB); a larger file is not a config. */
    public static final long MAX_BYTES = 64L << 20;

    /** The file as a JSON object (strict JSON, a regular file of at most {@link #MAX_BYTES}). */
    public static JsonObject readObject(Path file) {
        String text = InputFiles.readString(file, MAX_BYTES, detail -> new CheckpointException(file, "config", detail));
        return JsonFields.parseObject(text, detail -> new CheckpointException(file, "config", detail));
    }

    /** The model_type field, or empty when absent or not a string. */
    public static String modelType(Path file) {
        JsonElement type = readObject(file).get("model_type");
        return type != null && type.isJsonPrimitive() && type.getAsJsonPrimitive().isString() ? type.getAsString() : "";
    }

    /**
     * Whether {@code spec} names a directory whose config.json says {@code model_type: type}. Unreadable files
     * count as "not this type" here; reading the config reports them properly.
     */
    public static boolean isDirectoryOf(String spec, String type) {
        try {
            Path config = Path.of(spec).resolve("config.json");
            return Files.isRegularFile(config) && modelType(config).equals(type);
        } catch (InvalidPathException | CheckpointException e) {
            return false;
        }
    }

    public static int integer(Path file, JsonObject o, String name, int otherwise) {
        double value = number(file, o, name, otherwise);
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            throw field(file, name, "expected a non-negative integer, found " + o.get(name));
        }
        return (int) value;
    }

    public static double number(Path file, JsonObject o, String name, double otherwise) {
        return typed(file, o, name, otherwise, JsonPrimitive::isNumber, JsonElement::getAsDouble, "a number");
    }

    public static String string(Path file, JsonObject o, String name, String otherwise) {
        return typed(file, o, name, otherwise, JsonPrimitive::isString, JsonElement::getAsString, "a string");
    }

    public static boolean bool(Path file, JsonObject o, String name, boolean otherwise) {
        return typed(file, o, name, otherwise, JsonPrimitive::isBoolean, JsonElement::getAsBoolean, "true or false");
    }

    private static <T> T typed(Path file, JsonObject o, String name, T otherwise, Predicate<JsonPrimitive> isType,
                               Function<JsonElement, T> value, String expected) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (!(e.isJsonPrimitive() && isType.test(e.getAsJsonPrimitive()))) {
            throw field(file, name, "expected " + expected + ", found " + e);
        }
        return value.apply(e);
    }

    public static CheckpointException field(Path file, String name, String detail) {
        return new CheckpointException(file, "field " + name, detail);
    }
}
