package org.fpt.bodies.bert;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fpt.io.HfConfigJson;
import org.fpt.safetensors.HfCheckpoint;
import org.fpt.safetensors.Safetensors;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/**
 * A BERT-family body from an HF checkpoint directory ({@code --body DIR}): {@code config.json} with
 * {@code model_type: bert} and {@code model.safetensors} with BertModel's keys, bare or under {@code bert.}
 * (a model with a task head), such as {@code --export-body} writes. Not read, because FPT replaces them:
 * {@code embeddings.word_embeddings} (the task's input layer embeds the input), the pooler and any head.
 */
public final class BertDirectorySource implements BodySource {
    public static final String PREFIX = "bert.";

    @Override
    public String name() {
        return "bert-directory";
    }

    @Override
    public String description() {
        return "a BERT-family HF checkpoint directory: config.json (model_type bert) + model.safetensors";
    }

    /** Directories are not listed: they are named on the command line. */
    @Override
    public List<BodyInfo> bodies() {
        return List.of();
    }

    @Override
    public boolean accepts(String spec) {
        return HfConfigJson.isDirectoryOf(spec, "bert");
    }

    @Override
    public Body create(String spec, Init init) {
        Path directory = Path.of(spec);
        BertConfig config = BertConfigJson.read(directory.resolve(HfCheckpoint.CONFIG), directory.getFileName().toString());
        if (init == Init.RANDOM) {
            return BertBody.random(config);
        }
        Path weights = directory.resolve(HfCheckpoint.WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("No " + HfCheckpoint.WEIGHTS + " in " + directory
                    + ": put the checkpoint there, or pass --init random for the same shapes with random weights");
        }
        return BertBody.pretrained(config, "pretrained: " + weights, expected -> read(weights, config, expected));
    }

    /** Every expected tensor, after checking all keys and shapes (and that the file is no deeper model). */
    private static Map<String, float[]> read(Path file, BertConfig config, Map<String, Shape> expected) {
        try (Safetensors checkpoint = Safetensors.open(file)) {
            Map<String, String> keys = HfCheckpoint.bodyKeys(checkpoint, PREFIX, expected, BertDirectorySource::isBodyKey,
                    "a " + config.layers() + "-layer BERT body", "num_hidden_layers");
            Map<String, float[]> values = new LinkedHashMap<>();
            keys.forEach((path, key) -> values.put(path, checkpoint.floats(key)));
            return values;
        }
    }

    /** Keys of the body proper: embeddings (but the word table and index buffers) and the encoder. */
    static boolean isBodyKey(String path) {
        return (path.startsWith("embeddings.") || path.startsWith("encoder."))
                && !path.startsWith("embeddings.word_embeddings.")
                && !path.equals("embeddings.position_ids") && !path.equals("embeddings.token_type_ids");
    }
}
