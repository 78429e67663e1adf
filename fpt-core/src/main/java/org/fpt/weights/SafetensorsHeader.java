package org.fpt.weights;

import static org.fpt.weights.CheckpointException.tensor;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks a safetensors header: strict UTF-8 JSON, one object whose keys are tensor names (plus an
 * optional {@code __metadata__} of strings), each {@code {"dtype", "shape", "data_offsets": [begin, end]}}.
 * The tensors' byte ranges must tile the data buffer exactly: sorted by offset they start at 0, each begins
 * where the previous one ends, and the last ends at the buffer's end; each is {@code numel x dtype size} long.
 */
final class SafetensorsHeader {
    static final String METADATA = "__metadata__";

    final Map<String, TensorEntry> tensors;
    final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, TensorEntry> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    static SafetensorsHeader parse(Path file, ByteBuffer headerBytes, long dataLength) {
        String json = decodeUtf8(file, headerBytes);
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw error(file, "header", "expected a JSON object, found " + reader.peek());
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String key = reader.nextName();
                // Read value by value so that a repeated key is caught instead of silently overwriting.
                // peek() first: at end of input it throws, where parseReader would return JsonNull.
                reader.peek();
                JsonElement value = JsonParser.parseReader(reader);
                if (tensors.containsKey(key) || (key.equals(METADATA) && !metadata.isEmpty())) {
                    throw error(file, tensor(key), "appears twice in the header");
                }
                if (key.equals(METADATA)) {
                    metadata.putAll(parseMetadata(file, value));
                } else {
                    tensors.put(key, parseEntry(file, key, value));
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw error(file, "header", "expected the end of the JSON object, found more: " + reader.peek());
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new CheckpointException(file, "header", "is not valid JSON: " + e.getMessage(), e);
        }
        checkLayout(file, tensors, dataLength);
        return new SafetensorsHeader(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "header", "is not valid UTF-8 (" + e + ")", e);
        }
    }

    private static Map<String, String> parseMetadata(Path file, JsonElement value) {
        if (!value.isJsonObject()) {
            throw error(file, METADATA, "expected an object of strings, found " + value);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            if (!(e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString())) {
                throw error(file, METADATA + "." + e.getKey(), "expected a string, found " + e.getValue());
            }
            metadata.put(e.getKey(), e.getValue().getAsString());
        }
        return metadata;
    }

    private static TensorEntry parseEntry(Path file, String key, JsonElement value) {
        String where = tensor(key);
        if (!value.isJsonObject()) {
            throw error(file, where, "expected {\"dtype\", \"shape\", \"data_offsets\"}, found " + value);
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtypeName = required(file, where, o, "dtype");
        if (!(dtypeName.isJsonPrimitive() && dtypeName.getAsJsonPrimitive().isString())) {
            throw error(file, where, "dtype: expected a string, found " + dtypeName);
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dtypeName.getAsString()).orElseThrow(() -> error(file, where,
                "unknown dtype '" + dtypeName.getAsString() + "' (expected one of " + SafetensorsDtype.known() + ")"));
        long[] dims = longs(file, where, "shape", required(file, where, o, "shape"));
        long[] offsets = longs(file, where, "data_offsets", required(file, where, o, "data_offsets"));
        if (offsets.length != 2 || offsets[1] < offsets[0]) {
            throw error(file, where, "data_offsets: expected [begin, end] with begin <= end, found " + o.get("data_offsets"));
        }
        long numel = 1;
        try {
            for (long d : dims) {
                numel = Math.multiplyExact(numel, d);
            }
            long expected = Math.multiplyExact(numel, dtype.bytes());
            if (offsets[1] - offsets[0] != expected) {
                throw error(file, where, String.format("expected %d bytes (%d elements of %s, shape %s), found data_offsets %s (%d bytes)",
                        expected, numel, dtype, new Shape(dims), o.get("data_offsets"), offsets[1] - offsets[0]));
            }
        } catch (ArithmeticException e) {
            throw error(file, where, "shape " + o.get("shape") + " has more elements than a file can hold");
        }
        return new TensorEntry(key, dtype, new Shape(dims), offsets[0], offsets[1]);
    }

    private static JsonElement required(Path file, String where, JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null) {
            throw error(file, where, "missing field '" + field + "' (found fields " + o.keySet() + ")");
        }
        return e;
    }

    /** A JSON array of non-negative integers; fractions, signs and overflow are errors. */
    private static long[] longs(Path file, String where, String field, JsonElement value) {
        if (!value.isJsonArray()) {
            throw error(file, where, field + ": expected an array of integers, found " + value);
        }
        JsonArray array = value.getAsJsonArray();
        long[] result = new long[array.size()];
        for (int i = 0; i < result.length; i++) {
            JsonElement e = array.get(i);
            try {
                if (!(e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber())) {
                    throw new NumberFormatException();
                }
                result[i] = new BigDecimal(e.getAsString()).longValueExact();
            } catch (NumberFormatException | ArithmeticException ex) {
                throw error(file, where, field + ": expected non-negative integers, found " + value);
            }
            if (result[i] < 0) {
                throw error(file, where, field + ": expected non-negative integers, found " + value);
            }
        }
        return result;
    }

    /** Sorted by offset, the tensors must cover {@code [0, dataLength)} with no gap and no overlap. */
    private static void checkLayout(Path file, Map<String, TensorEntry> tensors, long dataLength) {
        List<TensorEntry> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long expectedBegin = 0;
        TensorEntry previous = null;
        for (TensorEntry t : sorted) {
            if (t.begin() < expectedBegin) {
                throw error(file, tensor(t.key()), String.format("data_offsets [%d, %d] overlap tensor '%s' [%d, %d]",
                        t.begin(), t.end(), previous.key(), previous.begin(), previous.end()));
            }
            if (t.begin() > expectedBegin) {
                throw error(file, tensor(t.key()), String.format(
                        "data_offsets [%d, %d] leave a gap: expected it to begin at %d (%s), found %d",
                        t.begin(), t.end(), expectedBegin,
                        previous == null ? "the start of the data" : "the end of '" + previous.key() + "'", t.begin()));
            }
            if (t.end() > dataLength) {
                throw error(file, tensor(t.key()), String.format(
                        "data_offsets end at %d, but the data buffer after the header holds only %d bytes (file truncated?)",
                        t.end(), dataLength));
            }
            expectedBegin = t.end();
            previous = t;
        }
        if (expectedBegin != dataLength) {
            throw error(file, previous == null ? "header" : tensor(previous.key()), String.format(
                    "the tensors end at byte %d of the data buffer, but it holds %d bytes: %d bytes belong to no tensor",
                    expectedBegin, dataLength, dataLength - expectedBegin));
        }
    }

    private static CheckpointException error(Path file, String where, String detail) {
        return new CheckpointException(file, where, detail);
    }
}
