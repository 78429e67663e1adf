package org.fpt.safetensors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict test-side reading of the safetensors format, to check what {@link SafetensorsWriter} writes
 * byte by byte: the length field, a JSON header that is a multiple of 8 bytes long (HF's alignment), F32
 * entries whose offsets tile the data buffer exactly (no gap, no overlap, nothing left over). The
 * production reader ({@link Safetensors}): the writer is not checked only by the code that reads its files.
 */
public final class SafetensorsFormatCheck {
    public record Tensor(long[] shape, float[] values) {
    }

    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, long headerLength) {
    }

    private SafetensorsFormatCheck() {
    }

    public static Contents read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong(0);
        require(n > 0 && 8 + n <= bytes.capacity(), file + ": header length " + n + " does not fit a file of " + bytes.capacity());
        require(n % 8 == 0, file + ": header length " + n + " is not a multiple of 8");
        String headerText = new String(bytes.array(), 8, (int) n, StandardCharsets.UTF_8);
        JsonObject header = JsonParser.parseString(headerText).getAsJsonObject();
        long dataSize = bytes.capacity() - 8 - n;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Map.Entry<String, long[]>> spans = new ArrayList<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                e.getValue().getAsJsonObject().entrySet().forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                continue;
            }
            JsonObject entry = e.getValue().getAsJsonObject();
            require(entry.keySet().equals(java.util.Set.of("dtype", "shape", "data_offsets")), e.getKey() + ": fields " + entry.keySet());
            require(entry.get("dtype").getAsString().equals("F32"), e.getKey() + ": dtype " + entry.get("dtype"));
            long[] shape = longs(entry.get("shape"));
            long[] offsets = longs(entry.get("data_offsets"));
            long numel = 1;
            for (long d : shape) {
                numel *= d;
            }
            require(offsets.length == 2 && offsets[1] - offsets[0] == numel * 4, e.getKey() + ": offsets do not match shape");
            require(offsets[1] <= dataSize, e.getKey() + ": ends beyond the data");
            float[] values = new float[(int) numel];
            bytes.position((int) (8 + n + offsets[0]));
            bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.put(e.getKey(), new Tensor(shape, values));
            spans.add(Map.entry(e.getKey(), offsets));
        }
        spans.sort(Comparator.comparingLong(s -> s.getValue()[0]));
        long expected = 0;
        for (Map.Entry<String, long[]> span : spans) {
            require(span.getValue()[0] == expected, span.getKey() + ": starts at " + span.getValue()[0] + ", expected " + expected);
            expected = span.getValue()[1];
        }
        require(expected == dataSize, file + ": data buffer has " + dataSize + " bytes, tensors cover " + expected);
        return new Contents(tensors, metadata, n);
    }

    private static long[] longs(JsonElement array) {
        return array.getAsJsonArray().asList().stream().mapToLong(JsonElement::getAsLong).toArray();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
