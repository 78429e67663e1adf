package org.fpt.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fpt.io.AtomicFiles;

/**
 * A resumable training state: the trainable tensors and the optimizer's moments (never the frozen body,
 * which {@link BodyIdentity} names instead), the step, the evaluation history and the run that made it.
 *
 * <p>On disk it is a <a href="https://github.com/huggingface/safetensors">safetensors</a> file, so any
 * safetensors reader can open the trained tensors. Tensor names: the parameter path for weights,
 * {@code optimizer.m.<path>} / {@code optimizer.v.<path>} for Adam's moments. The header's
 * {@code __metadata__} holds {@code fpt.checkpoint} (JSON: run, body identity, step, history) and
 * {@code fpt.sha256}: the SHA-256 of the whole file with that value written as 64 zeros. A truncated or
 * altered file is refused with an error naming the file and the check that failed.
 */
public record Checkpoint(JsonObject run, BodyIdentity body, int step, int optimizerSteps,
                         List<TrainingResult.Step> history, Map<String, Tensor> tensors) {
    public static final String FORMAT = "fpt-checkpoint-1";
    static final String MEAN_PREFIX = "optimizer.m.";
    static final String VARIANCE_PREFIX = "optimizer.v.";
    private static final String SHA_KEY = "fpt.sha256";
    private static final String ZEROS = "0".repeat(64);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    public Checkpoint {
        history = List.copyOf(history);
        tensors = Map.copyOf(new LinkedHashMap<>(tensors));
    }

    /** A float32 tensor in row-major order. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != values.length) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
            }
        }
    }

    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    byte[] toBytes() {
        JsonObject header = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", FORMAT);
        metadata.addProperty("fpt.checkpoint", GSON.toJson(describe()));
        metadata.addProperty(SHA_KEY, ZEROS);
        header.add("__metadata__", metadata);
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : sortedTensors().entrySet()) {
            JsonObject info = new JsonObject();
            info.addProperty("dtype", "F32");
            info.add("shape", GSON.toJsonTree(entry.getValue().shape()));
            long end = offset + (long) entry.getValue().values().length * Float.BYTES;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            info.add("data_offsets", offsets);
            header.add(entry.getKey(), info);
            offset = end;
        }
        byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // safetensors aligns the data to 8 bytes with spaces
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        sortedTensors().values().forEach(t -> {
            for (float value : t.values()) {
                buffer.putFloat(value);
            }
        });
        byte[] bytes = buffer.array();
        int at = indexOf(bytes, 8, 8 + padded, ZEROS.getBytes(StandardCharsets.US_ASCII));
        byte[] sha = HexFormat.of().formatHex(BodyIdentity.sha256().digest(bytes)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sha, 0, bytes, at, sha.length);
        return bytes;
    }

    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        return parse(file, bytes);
    }

    static Checkpoint parse(Path file, byte[] bytes) {
        if (bytes.length < 8) {
            throw damaged(file, "truncated: " + bytes.length + " bytes, not even the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || 8 + headerLength > bytes.length) {
            throw damaged(file, "truncated: the header needs " + headerLength + " bytes after the length, the file has "
                    + (bytes.length - 8));
        }
        int dataStart = (int) (8 + headerLength);
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw damaged(file, "the header is not valid JSON (" + e.getMessage() + ")");
        }
        JsonObject metadata = header.has("__metadata__") ? header.getAsJsonObject("__metadata__") : new JsonObject();
        if (!metadata.has("format") || !FORMAT.equals(metadata.get("format").getAsString())) {
            throw damaged(file, "not an FPT checkpoint: __metadata__.format should be '" + FORMAT + "', found "
                    + metadata.get("format"));
        }
        long dataEnd = 0;
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (!entry.getKey().equals("__metadata__")) {
                dataEnd = Math.max(dataEnd, entry.getValue().getAsJsonObject().getAsJsonArray("data_offsets").get(1).getAsLong());
            }
        }
        if (dataStart + dataEnd != bytes.length) {
            throw damaged(file, (dataStart + dataEnd > bytes.length ? "truncated" : "trailing bytes")
                    + ": the header describes " + (dataStart + dataEnd) + " bytes, the file has " + bytes.length);
        }
        verifyChecksum(file, bytes, dataStart, metadata);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject info = entry.getValue().getAsJsonObject();
            long[] shape = GSON.fromJson(info.get("shape"), long[].class);
            JsonArray offsets = info.getAsJsonArray("data_offsets");
            int from = dataStart + offsets.get(0).getAsInt();
            int to = dataStart + offsets.get(1).getAsInt();
            float[] values = new float[(to - from) / Float.BYTES];
            ByteBuffer.wrap(bytes, from, to - from).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.put(entry.getKey(), new Tensor(shape, values));
        }
        JsonObject state = JsonParser.parseString(metadata.get("fpt.checkpoint").getAsString()).getAsJsonObject();
        List<TrainingResult.Step> history = GSON.fromJson(state.get("history"), new TypeToken<List<TrainingResult.Step>>() { }.getType());
        return new Checkpoint(state.getAsJsonObject("run"), GSON.fromJson(state.get("body"), BodyIdentity.class),
                state.get("step").getAsInt(), state.get("optimizer_steps").getAsInt(), history, tensors);
    }

    /** The trainable weights: every tensor that is not optimizer state. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (!name.startsWith(MEAN_PREFIX) && !name.startsWith(VARIANCE_PREFIX)) {
                weights.put(name, t);
            }
        });
        return weights;
    }

    private JsonObject describe() {
        JsonObject state = new JsonObject();
        state.add("run", run);
        state.add("body", GSON.toJsonTree(body));
        state.addProperty("step", step);
        state.addProperty("optimizer_steps", optimizerSteps);
        state.add("history", GSON.toJsonTree(history));
        return state;
    }

    private Map<String, Tensor> sortedTensors() {
        return new java.util.TreeMap<>(tensors);
    }

    private static void verifyChecksum(Path file, byte[] bytes, int dataStart, JsonObject metadata) {
        String recorded = metadata.has(SHA_KEY) ? metadata.get(SHA_KEY).getAsString() : "";
        byte[] recordedBytes = recorded.getBytes(StandardCharsets.US_ASCII);
        int at = recorded.length() == 64 ? indexOf(bytes, 8, dataStart, recordedBytes) : -1;
        if (at < 0) {
            throw damaged(file, "no content checksum (__metadata__." + SHA_KEY + ") in the header");
        }
        byte[] copy = bytes.clone();
        System.arraycopy(ZEROS.getBytes(StandardCharsets.US_ASCII), 0, copy, at, 64);
        String actual = HexFormat.of().formatHex(BodyIdentity.sha256().digest(copy));
        if (!actual.equals(recorded)) {
            throw damaged(file, "content checksum mismatch: the header records SHA-256 " + recorded + ", the content hashes to "
                    + actual + " (the file was altered or damaged)");
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static IllegalArgumentException damaged(Path file, String what) {
        return new IllegalArgumentException("Checkpoint " + file + " is refused: " + what);
    }
}
