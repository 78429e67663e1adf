package org.fpt.bodies;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.fpt.bodies.gpt2.Gpt2Checkpoint;
import org.fpt.bodies.gpt2.Gpt2ConfigJson;
import org.fpt.safetensors.CheckpointException;
import org.fpt.safetensors.Safetensors;

/**
 * Why no body source takes a directory given as {@code --body DIR}. Sources answer "is it mine?" quietly
 * (an unreadable file is just "not mine" to each of them), so without this the user would only hear that
 * there is no such body; here the directory's files are read once more and the first problem is named:
 * a broken config.json or model.safetensors (the reader's own one-line error), or an unknown model_type.
 */
public final class BodyDirectory {
    /** The families a directory of HF files can hold here. */
    static final String FAMILIES = "gpt2, vit";

    private BodyDirectory() {
    }

    /** For a spec naming an existing directory: what is wrong with it; empty for anything else. */
    public static Optional<String> problem(String spec) {
        Path dir;
        try {
            dir = Path.of(spec);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(explain(dir));
        } catch (CheckpointException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String explain(Path dir) {
        Path config = dir.resolve(Gpt2Checkpoint.CONFIG_FILE);
        Path weights = dir.resolve(Gpt2Checkpoint.WEIGHTS_FILE);
        if (Files.exists(config)) {
            String type = Gpt2ConfigJson.modelType(config);
            return config + ": model_type " + (type.isEmpty() ? "is missing or not a string" : "\"" + type + "\" is not one of "
                    + FAMILIES + ", the families read from a directory");
        }
        if (Files.exists(weights)) {
            try (Safetensors file = Safetensors.open(weights)) {
                return weights + ": its " + file.tensors().size() + " tensors are not GPT-2's (h.0.attn.c_attn.weight, ...) and there is no "
                        + Gpt2Checkpoint.CONFIG_FILE + " to say which family it is";
            }
        }
        return "the directory holds neither " + Gpt2Checkpoint.CONFIG_FILE + " nor " + Gpt2Checkpoint.WEIGHTS_FILE;
    }
}
