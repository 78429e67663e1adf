package org.fpt.bodies.gpt2;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fpt.model.ParameterPaths;
import org.fpt.safetensors.HfCheckpoint;

/**
 * Writes a GPT-2 body as an HF checkpoint directory: {@code model.safetensors} with GPT2Model's bare keys
 * ({@code h.0.attn.c_attn.weight}; Conv1D weights transposed back to HF's {@code [in, out]}) and a
 * {@code config.json}, so {@code --body DIR} and HF tools read it back. The host merges PEFT insertions (LoRA,
 * IA3) into the weights before; their own parameters have no place in the layout. There is no {@code wte}: FPT
 * never trains a token table, and HF initialises a missing one itself (with a warning).
 */
public final class Gpt2Export {
    private Gpt2Export() {
    }

    public static void write(Gpt2Model model, Path directory) {
        Map<String, Parameter> parameters = ParameterPaths.of(model);
        HfCheckpoint.write(directory, model.checkpointShapes(), path -> checkpointValues(path, parameters.get(path)), config(model.config()));
    }

    private static float[] checkpointValues(String path, Parameter parameter) {
        float[] values = parameter.getArray().toFloatArray();
        if (!Gpt2Model.isConv1dWeight(path)) {
            return values;
        }
        long[] shape = parameter.getShape().getShape(); // [out, in] here, [in, out] in the file
        return Gpt2Weights.transpose(values, (int) shape[0], (int) shape[1]);
    }

    /** HF's GPT2Config fields for this body; the token vocabulary is GPT-2's, though no table is written. */
    static Map<String, Object> config(Gpt2Config c) {
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
        return json;
    }
}
