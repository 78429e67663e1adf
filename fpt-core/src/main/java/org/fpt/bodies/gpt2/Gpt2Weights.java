package org.fpt.bodies.gpt2;

import static org.fpt.safetensors.CheckpointException.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fpt.model.InPlace;
import org.fpt.model.ParameterPaths;
import org.fpt.safetensors.CheckpointException;
import org.fpt.safetensors.Safetensors;
import org.fpt.safetensors.TensorEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an HF GPT-2 {@code model.safetensors} into a {@link Gpt2Model} whose parameters exist. Every
 * parameter must be in the file with the checkpoint's shape; all keys and shapes are checked before anything
 * is copied, so a bad file leaves the model untouched. Tensors are converted one at a time.
 */
public final class Gpt2Weights {
    private static final Logger LOG = LoggerFactory.getLogger(Gpt2Weights.class);

    private Gpt2Weights() {
    }

    public static void load(Gpt2Model model, Path file) {
        try (Safetensors checkpoint = Safetensors.open(file)) {
            Map<String, String> keys = Gpt2Keys.bodyKeys(file, checkpoint.tensors().keySet());
            Map<String, Shape> expected = model.pretrainedShapes(); // wpe as the file has it, also when extended
            for (Map.Entry<String, Shape> e : expected.entrySet()) {
                String key = keys.get(e.getKey());
                if (key == null) {
                    throw new CheckpointException(file, tensor(e.getKey()), "is missing (expected shape " + e.getValue()
                            + ", with or without the '" + Gpt2Keys.PREFIX + "' prefix)");
                }
                TensorEntry entry = checkpoint.tensors().get(key);
                if (!entry.shape().equals(e.getValue())) {
                    throw new CheckpointException(file, tensor(key), "expected shape " + e.getValue() + ", found " + entry.shape());
                }
                if (!entry.dtype().isFloatReadable()) {
                    throw new CheckpointException(file, tensor(key), "expected dtype F32, F16 or BF16, found " + entry.dtype());
                }
            }
            List<String> unexpected = Gpt2Keys.unexpected(keys, expected.keySet());
            if (!unexpected.isEmpty()) {
                throw new CheckpointException(file, tensor(unexpected.get(0)), "is not a parameter of a " + model.config().nLayer()
                        + "-layer GPT-2 body (unexpected keys: " + unexpected + "); is config.json's n_layer right?");
            }
            Map<String, Parameter> parameters = ParameterPaths.of(model);
            for (String path : expected.keySet()) { // checkpoint parameters only: LoRA adapters keep their init
                copy(model, checkpoint, keys.get(path), path, parameters.get(path));
            }
            Set<String> read = Set.copyOf(keys.values());
            List<String> skipped = checkpoint.tensors().keySet().stream().filter(k -> !read.contains(k)).toList();
            LOG.info("Loaded {} tensors from {}; skipped {} (unused by FPT: token table, LM head, mask buffers): {}",
                    keys.size(), file, skipped.size(), skipped.size() <= 8 ? skipped : skipped.subList(0, 8) + "...");
        }
    }

    private static void copy(Gpt2Model model, Safetensors checkpoint, String key, String path, Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("Parameter " + path + " has no array yet: initialise the block before loading weights");
        }
        float[] values = checkpoint.floats(key);
        NDArray target = parameter.getArray();
        if (Gpt2Model.isConv1dWeight(path)) {
            Shape shape = target.getShape(); // [out, in] here, [in, out] in the file
            values = transpose(values, (int) shape.get(1), (int) shape.get(0));
        } else if (path.equals(Gpt2Model.WPE)) {
            values = model.extendPositions(values); // the same table when not extended
        }
        InPlace.copy(values, target);
    }

    /** {@code [rows, cols]} row-major to {@code [cols, rows]} row-major, in tiles that stay in cache. */
    static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int rEnd = Math.min(r0 + TILE, rows);
                int cEnd = Math.min(c0 + TILE, cols);
                for (int r = r0; r < rEnd; r++) {
                    for (int c = c0; c < cEnd; c++) {
                        out[c * rows + r] = values[r * cols + c];
                    }
                }
            }
        }
        return out;
    }

    private static final int TILE = 64;
}
