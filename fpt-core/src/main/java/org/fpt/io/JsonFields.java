package org.fpt.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Typed access to a JSON object read from a file the user gave (a {@code config.json}, a checkpoint's run
 * description): each accessor checks the field's type and range and fails with an error naming the key and
 * what was found, made by the caller's {@link Errors} (so the message also names the file). Missing and
 * {@code null} fields are the same to the optional accessors. Integers are checked exactly (as decimals,
 * never through a double), so {@code 2147483648} or {@code 1.5} is refused where an int is expected.
 */
public final class JsonFields {
    /** How a field error becomes an exception: the caller adds the file. */
    @FunctionalInterface
    public interface Errors {
        RuntimeException error(String key, String detail);
    }

    private static final int MAX_SHOWN = 60;

    private final JsonObject object;
    private final Errors errors;

    public JsonFields(JsonObject object, Errors errors) {
        this.object = object;
        this.errors = errors;
    }

    /**
     * Parses strict JSON (RFC 8259: no comments, NaN or trailing data) whose top level must be an object;
     * {@code error} gets a one-line description of what is wrong.
     */
    public static JsonObject parseObject(String json, java.util.function.Function<String, RuntimeException> error) {
        JsonElement root;
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw error.apply("is not valid JSON: more data after the top-level value at " + reader.getPath());
            }
        } catch (IOException | JsonParseException | IllegalStateException | StackOverflowError e) {
            throw error.apply("is not valid JSON: " + gsonMessage(e));
        }
        if (!root.isJsonObject()) {
            throw error.apply("expected a JSON object, found " + shown(root));
        }
        return root.getAsJsonObject();
    }

    /** Gson's message on one line, without its advice to parse leniently and its troubleshooting link. */
    public static String gsonMessage(Throwable e) {
        Throwable cause = e instanceof JsonParseException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof StackOverflowError) {
            return "nested too deeply";
        }
        String message = String.valueOf(cause.getMessage())
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .replaceAll("\\s*See https?://\\S+", "")
                .replaceAll("\\s+", " ").strip();
        return message.length() <= 200 ? message : message.substring(0, 200) + "...";
    }

    /** Whether {@code key} is present and not {@code null}. */
    public boolean has(String key) {
        JsonElement e = object.get(key);
        return e != null && !e.isJsonNull();
    }

    public String string(String key) {
        return string(present(key));
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    private String string(Field f) {
        if (!(f.value.isJsonPrimitive() && f.value.getAsJsonPrimitive().isString())) {
            throw f.error("expected a string");
        }
        return f.value.getAsString();
    }

    public long integer(String key, long min, long max) {
        Field f = present(key);
        BigDecimal d = decimal(f);
        try {
            long value = d.longValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        } catch (ArithmeticException e) {
            // not an integer, or beyond a long: reported below
        }
        throw f.error("expected an integer in " + min + ".." + max);
    }

    public long integer(String key, long fallback, long min, long max) {
        return has(key) ? integer(key, min, max) : fallback;
    }

    /** A finite number. */
    public double number(String key) {
        Field f = present(key);
        double value = decimal(f).doubleValue();
        if (!Double.isFinite(value)) {
            throw f.error("expected a finite number");
        }
        return value;
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Field f = present(key);
        if (!(f.value.isJsonPrimitive() && f.value.getAsJsonPrimitive().isBoolean())) {
            throw f.error("expected true or false");
        }
        return f.value.getAsBoolean();
    }

    public JsonObject object(String key) {
        Field f = present(key);
        if (!f.value.isJsonObject()) {
            throw f.error("expected an object");
        }
        return f.value.getAsJsonObject();
    }

    public JsonArray array(String key) {
        Field f = present(key);
        if (!f.value.isJsonArray()) {
            throw f.error("expected an array");
        }
        return f.value.getAsJsonArray();
    }

    private BigDecimal decimal(Field f) {
        if (!(f.value.isJsonPrimitive() && f.value.getAsJsonPrimitive().isNumber())) {
            throw f.error("expected a number");
        }
        try {
            return new BigDecimal(f.value.getAsString());
        } catch (NumberFormatException e) {
            throw f.error("expected a finite number");
        }
    }

    private Field present(String key) {
        if (!has(key)) {
            throw errors.error(key, "is missing (or null)");
        }
        return new Field(key, object.get(key));
    }

    private static String shown(JsonElement e) {
        String text = e.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "... (" + text.length() + " characters)";
    }

    /** A present field, for errors that show what was found. */
    private final class Field {
        final String key;
        final JsonElement value;

        Field(String key, JsonElement value) {
            this.key = key;
            this.value = value;
        }

        RuntimeException error(String expected) {
            return errors.error(key, expected + ", found " + shown(value));
        }
    }
}
