package org.fpt.bodies.gpt2;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fpt.model.ConfigValueException;
import org.fpt.safetensors.CheckpointException;
import org.fpt.safetensors.Safetensors;

/**
 * A directory holding an HF GPT-2 checkpoint: {@code model.safetensors} and, optionally, {@code config.json}.
 * Without config.json the architecture is read from the tensor shapes; the head count is not in any shape,
 * so it is taken from the released GPT-2 sizes by width.
 */
public record Gpt2Checkpoint(Path directory, Path weights, Optional<Path> configJson) {
    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String CONFIG_FILE = "config.json";

    private static final Map<Integer, Integer> RELEASED_HEADS = Map.of(768, 12, 1024, 16, 1280, 20, 1600, 25);
    private static final Pattern LAYER = Pattern.compile("h\\.(\\d{1,6})\\..*");

    public static Gpt2Checkpoint in(Path directory) {
        Path config = directory.resolve(CONFIG_FILE);
        return new Gpt2Checkpoint(directory, directory.resolve(WEIGHTS_FILE), Files.isRegularFile(config) ? Optional.of(config) : Optional.empty());
    }

    /**
     * Whether {@code directory} holds a GPT-2 checkpoint: its config.json says {@code model_type: gpt2}, or it has
     * no config.json and its safetensors header has GPT-2 keys. Unreadable files count as "not mine" here;
     * {@link #config} reports them properly.
     */
    public static boolean recognises(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        Gpt2Checkpoint checkpoint = in(directory);
        try {
            if (checkpoint.configJson().isPresent()) {
                return Gpt2ConfigJson.modelType(checkpoint.configJson().get()).equals("gpt2");
            }
            if (!Files.isRegularFile(checkpoint.weights())) {
                return false;
            }
            try (Safetensors file = Safetensors.open(checkpoint.weights())) {
                return Gpt2Keys.looksLikeGpt2(file.tensors().keySet());
            }
        } catch (CheckpointException e) {
            return false;
        }
    }

    public boolean hasWeights() {
        return Files.isRegularFile(weights);
    }

    /** The architecture, from config.json where present, else from the checkpoint's shapes. */
    public Gpt2Config config(String name) {
        if (configJson.isPresent()) {
            return Gpt2ConfigJson.read(configJson.get(), name);
        }
        if (!hasWeights()) {
            throw new CheckpointException(directory, "files", "expected " + WEIGHTS_FILE + " and/or " + CONFIG_FILE + ", found neither");
        }
        try (Safetensors file = Safetensors.open(weights)) {
            return inferConfig(file, name);
        }
    }

    private static Gpt2Config inferConfig(Safetensors file, String name) {
        Map<String, String> keys = Gpt2Keys.bodyKeys(file.file(), file.tensors().keySet());
        String wpeKey = keys.get("wpe.weight");
        if (wpeKey == null) {
            throw new CheckpointException(file.file(), CheckpointException.tensor("wpe.weight"),
                    "is missing: it gives n_positions and n_embd when there is no " + CONFIG_FILE);
        }
        Shape wpe = file.tensors().get(wpeKey).shape();
        if (wpe.dimension() != 2 || wpe.get(0) > Integer.MAX_VALUE || wpe.get(1) > Integer.MAX_VALUE) {
            throw new CheckpointException(file.file(), CheckpointException.tensor(wpeKey), "expected shape [n_positions, n_embd], found " + wpe);
        }
        int nEmbd = (int) wpe.get(1);
        Integer nHead = RELEASED_HEADS.get(nEmbd);
        if (nHead == null) {
            throw new CheckpointException(file.file(), "n_head", "cannot be read from tensor shapes for width " + nEmbd
                    + " (only the released sizes 768, 1024, 1280, 1600 are known): put a " + CONFIG_FILE + " with n_head next to it");
        }
        try {
            return new Gpt2Config(name, layers(keys.keySet()), nHead, nEmbd, (int) wpe.get(0), 0.1f, 1e-5f);
        } catch (ConfigValueException e) { // no h.N tensors (0 layers), an empty wpe: name the file
            throw new CheckpointException(file.file(), e.key(), e.detail() + " (read from the tensor shapes: there is no " + CONFIG_FILE + ")");
        }
    }

    private static int layers(Set<String> paths) {
        int layers = 0;
        for (String path : paths) {
            Matcher m = LAYER.matcher(path);
            if (m.matches()) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return layers;
    }
}
