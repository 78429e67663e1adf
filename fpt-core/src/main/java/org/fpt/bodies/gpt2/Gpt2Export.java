package org.fpt.bodies.gpt2;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fpt.io.AtomicFiles;
import org.fpt.model.Dense;
import org.fpt.model.ParameterPaths;
import org.fpt.safetensors.SafetensorsWriter;

/**
 * Writes a GPT-2 body as an HF checkpoint directory: {@code model.safetensors} with GPT2Model's bare keys
 * ({@code h.0.attn.c_attn.weight}; Conv1D weights transposed back to HF's {@code [in, out]}) and a
 * {@code config.json}, so {@code --body DIR} and HF tools read it back. LoRA adapters are written merged into
 * their weights (the layout has no place for them). There is no {@code wte}: FPT never trains a token table,
 * and HF initialises a missing one itself (with a warning).
 */
public final class Gpt2Export {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";

    private Gpt2Export() {
    }

    public static void write(Gpt2Model model, Path directory) {
        Map<String, Parameter> parameters = ParameterPaths.of(model);
        Map<String, Dense> layers = denseLayers(model);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        model.checkpointShapes().forEach((path, shape) -> {
            Parameter parameter = parameters.get(path);
            writer.add(path, shape.getShape(), () -> checkpointValues(path, parameter, layers));
        });
        // Weights first: a directory counts as a checkpoint once its config.json exists.
        writer.write(directory.resolve(WEIGHTS));
        AtomicFiles.writeString(directory.resolve(CONFIG), configJson(model.config()));
    }

    private static float[] checkpointValues(String path, Parameter parameter, Map<String, Dense> layers) {
        if (!Gpt2Model.isConv1dWeight(path)) {
            return parameter.getArray().toFloatArray();
        }
        Shape shape = parameter.getShape(); // [out, in] here, [in, out] in the file
        float[] weight = layers.get(path.substring(0, path.lastIndexOf('.'))).effectiveWeight();
        return transpose(weight, (int) shape.get(0), (int) shape.get(1));
    }

    private static Map<String, Dense> denseLayers(Gpt2Model model) {
        Map<String, Dense> layers = new LinkedHashMap<>();
        ParameterPaths.blocks(model).forEach((path, block) -> {
            if (block instanceof Dense dense) {
                layers.put(path, dense);
            }
        });
        return layers;
    }

    /** HF's GPT2Config fields for this body; the token vocabulary is GPT-2's, though no table is written. */
    static String configJson(Gpt2Config c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", "gpt2");
        json.put("architectures", List.of("GPT2Model"));
        json.put("n_layer", c.nLayer());
        json.put("n_head", c.nHead());
        json.put("n_embd", c.nEmbd());
        json.put("n_positions", c.nPositions());
        json.put("n_ctx", c.nPositions());
        json.put("n_inner", null);
        json.put("activation_function", "gelu_new");
        json.put("layer_norm_epsilon", c.layerNormEps());
        json.put("resid_pdrop", c.dropout());
        json.put("embd_pdrop", c.dropout());
        json.put("attn_pdrop", c.dropout());
        json.put("vocab_size", 50257);
        json.put("torch_dtype", "float32");
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json) + "\n";
    }

    /** {@code [rows, cols]} row-major to {@code [cols, rows]} row-major. */
    static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }
}
