package org.fpt.safetensors;

import static org.fpt.safetensors.CheckpointException.tensor;

import ai.djl.ndarray.types.Shape;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and checks a safetensors header: strict UTF-8 JSON, one object whose keys are tensor names (plus an
 * optional {@code __metadata__} of strings), each {@code {"dtype", "shape", "data_offsets": [begin, end]}}.
 * The tensors' byte ranges must tile the data buffer exactly: sorted by offset they start at 0, each begins
 * where the previous one ends, and the last ends at the buffer's end; each is {@code numel x dtype size} long.
 *
 * <p>The header is read as a token stream, never as a JSON tree, and integers are bounded before they are
 * parsed: a hostile 100 MB header (a shape of millions of dimensions, a number of millions of digits, deep
 * nesting) ends in an error, not in an out-of-memory or a quadratic parse.
 */
final class SafetensorsHeader {
    static final String METADATA = "__metadata__";
    /** No real tensor comes near this; it keeps a hostile shape from filling memory. */
    static final int MAX_DIMENSIONS = 64;
    private static final Pattern UNSIGNED_LONG = Pattern.compile("\\d{1,19}");

    final Map<String, TensorEntry> tensors;
    final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, TensorEntry> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    static SafetensorsHeader parse(Path file, ByteBuffer headerBytes, long dataLength) {
        String json = decodeUtf8(file, headerBytes);
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = null;
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            expect(file, "header", reader, JsonToken.BEGIN_OBJECT, "a JSON object");
            reader.beginObject();
            while (reader.hasNext()) {
                String key = reader.nextName();
                if (tensors.containsKey(key) || (key.equals(METADATA) && metadata != null)) {
                    throw error(file, tensor(key), "appears twice in the header");
                }
                if (key.equals(METADATA)) {
                    metadata = parseMetadata(file, reader);
                } else {
                    tensors.put(key, parseEntry(file, key, reader));
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw error(file, "header", "expected the end of the JSON object, found more: " + reader.peek());
            }
        } catch (IOException | IllegalStateException e) {
            throw new CheckpointException(file, "header", "is not valid JSON: " + gsonDetail(e), e);
        }
        checkLayout(file, tensors, dataLength);
        return new SafetensorsHeader(Collections.unmodifiableMap(tensors),
                metadata == null ? Map.of() : Collections.unmodifiableMap(metadata));
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first malformed sequence: say where it is.
            throw new CheckpointException(file, "header", "is not valid UTF-8: malformed byte 0x"
                    + Integer.toHexString(bytes.get(bytes.position()) & 0xff) + " at byte " + bytes.position() + " of the header", e);
        }
    }

    private static Map<String, String> parseMetadata(Path file, JsonReader reader) throws IOException {
        expect(file, METADATA, reader, JsonToken.BEGIN_OBJECT, "an object of strings");
        Map<String, String> metadata = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            expect(file, METADATA + "." + name, reader, JsonToken.STRING, "a string");
            metadata.put(name, reader.nextString());
        }
        reader.endObject();
        return metadata;
    }

    private static TensorEntry parseEntry(Path file, String key, JsonReader reader) throws IOException {
        String where = tensor(key);
        expect(file, where, reader, JsonToken.BEGIN_OBJECT, "{\"dtype\", \"shape\", \"data_offsets\"}");
        String dtypeName = null;
        long[] dims = null;
        long[] offsets = null;
        reader.beginObject();
        while (reader.hasNext()) {
            switch (reader.nextName()) {
                case "dtype" -> {
                    expect(file, where + " dtype", reader, JsonToken.STRING, "a string");
                    dtypeName = reader.nextString();
                }
                case "shape" -> dims = longs(file, where, "shape", reader, MAX_DIMENSIONS);
                case "data_offsets" -> offsets = longs(file, where, "data_offsets", reader, 2);
                default -> reader.skipValue(); // unknown fields are not ours to judge
            }
        }
        reader.endObject();
        if (dtypeName == null || dims == null || offsets == null) {
            throw error(file, where, "expected fields dtype, shape and data_offsets, found "
                    + (dtypeName == null ? "no dtype " : "") + (dims == null ? "no shape " : "") + (offsets == null ? "no data_offsets" : ""));
        }
        String name = dtypeName;
        SafetensorsDtype dtype = SafetensorsDtype.parse(name).orElseThrow(() -> error(file, where,
                "unknown dtype '" + name + "' (expected one of " + SafetensorsDtype.known() + ")"));
        if (offsets.length != 2 || offsets[1] < offsets[0]) {
            throw error(file, where, "data_offsets: expected [begin, end] with begin <= end, found " + Arrays.toString(offsets));
        }
        try {
            long numel = 1;
            for (long d : dims) {
                numel = Math.multiplyExact(numel, d);
            }
            long expected = Math.multiplyExact(numel, dtype.bytes());
            if (offsets[1] - offsets[0] != expected) {
                throw error(file, where, String.format("expected %d bytes (%d elements of %s, shape %s), found data_offsets %s (%d bytes)",
                        expected, numel, dtype, new Shape(dims), Arrays.toString(offsets), offsets[1] - offsets[0]));
            }
        } catch (ArithmeticException e) {
            throw error(file, where, "shape " + Arrays.toString(dims) + " has more elements than a file can hold");
        }
        return new TensorEntry(key, dtype, new Shape(dims), offsets[0], offsets[1]);
    }

    /** A JSON array of at most {@code max} non-negative integers that fit a long; anything else is an error. */
    private static long[] longs(Path file, String where, String field, JsonReader reader, int max) throws IOException {
        expect(file, where + " " + field, reader, JsonToken.BEGIN_ARRAY, "an array of integers");
        long[] values = new long[max];
        int n = 0;
        reader.beginArray();
        while (reader.hasNext()) {
            if (n == max) {
                throw error(file, where, field + ": expected at most " + max + " values, found more");
            }
            expect(file, where + " " + field, reader, JsonToken.NUMBER, "non-negative integers");
            String literal = reader.nextString(); // the number's text, as written
            if (!UNSIGNED_LONG.matcher(literal).matches()) {
                throw error(file, where, field + ": expected non-negative integers, found " + abbreviate(literal, 40));
            }
            try {
                values[n++] = Long.parseLong(literal);
            } catch (NumberFormatException e) {
                throw error(file, where, field + ": " + literal + " does not fit in 63 bits");
            }
        }
        reader.endArray();
        return Arrays.copyOf(values, n);
    }

    private static void expect(Path file, String where, JsonReader reader, JsonToken token, String what) throws IOException {
        JsonToken found = reader.peek();
        if (found != token) {
            throw error(file, where, "expected " + what + ", found " + found);
        }
    }

    /** Gson's message without its advice to parse leniently and its troubleshooting link. */
    private static String gsonDetail(Exception e) {
        String message = String.valueOf(e.getMessage());
        message = message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept ", "")
                .replaceAll("\\s*See https?://\\S+", "");
        return abbreviate(message, 200);
    }

    private static String abbreviate(String s, int length) {
        return s.length() <= length ? s : s.substring(0, length) + "... (" + s.length() + " characters)";
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
