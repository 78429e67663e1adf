package org.fpt.bodies.gpt2;

import static org.fpt.safetensors.CheckpointException.tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fpt.safetensors.CheckpointException;

/**
 * How HF GPT-2 checkpoint keys map to the body's parameter paths. {@code GPT2Model} saves bare keys
 * ({@code h.0.attn.c_attn.weight}), {@code GPT2LMHeadModel} prefixes them with {@code transformer.}; both are
 * read. Skipped: {@code wte.weight} (FPT feeds its own input embeddings, so the token table is unused),
 * {@code lm_head.weight} (tied to wte), and the causal-mask buffers {@code attn.bias} / {@code attn.masked_bias}
 * that older versions saved (the body builds its mask). Keys outside the transformer (task heads such as
 * {@code score.weight}) are skipped too.
 */
public final class Gpt2Keys {
    public static final String PREFIX = "transformer.";
    private static final Pattern MASK_BUFFER = Pattern.compile("h\\.\\d+\\.attn\\.(bias|masked_bias)");
    private static final Pattern BODY_KEY = Pattern.compile("(h\\.\\d+|wpe|wte|ln_f)\\..*");

    private Gpt2Keys() {
    }

    /** The checkpoint's keys that the body reads, by parameter path (prefix stripped), to their file keys. */
    public static Map<String, String> bodyKeys(Path file, Iterable<String> keys) {
        Map<String, String> byPath = new LinkedHashMap<>();
        for (String key : keys) {
            String path = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            if (!isBodyKey(key) || isSkipped(path)) {
                continue;
            }
            String other = byPath.put(path, key);
            if (other != null) {
                throw new CheckpointException(file, tensor(key), "holds the same parameter as '" + other + "'");
            }
        }
        return byPath;
    }

    /** Whether a file key belongs to the transformer (prefixed, or a bare GPT-2 body key). */
    public static boolean isBodyKey(String key) {
        return key.startsWith(PREFIX) || BODY_KEY.matcher(key).matches();
    }

    /** Keys of the transformer that the body deliberately does not read. */
    public static boolean isSkipped(String path) {
        return path.equals("wte.weight") || MASK_BUFFER.matcher(path).matches();
    }

    /** Whether these keys look like a GPT-2 checkpoint: a fused {@code c_attn} in block 0. */
    public static boolean looksLikeGpt2(Iterable<String> keys) {
        for (String key : keys) {
            if (key.equals("h.0.attn.c_attn.weight") || key.equals(PREFIX + "h.0.attn.c_attn.weight")) {
                return true;
            }
        }
        return false;
    }

    /** The body keys nobody asked for: a sign of a deeper or differently built model. */
    static List<String> unexpected(Map<String, String> bodyKeys, Iterable<String> expectedPaths) {
        Map<String, String> rest = new LinkedHashMap<>(bodyKeys);
        expectedPaths.forEach(rest::remove);
        return new ArrayList<>(rest.values());
    }
}
