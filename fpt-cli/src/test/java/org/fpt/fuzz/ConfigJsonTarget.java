package org.fpt.fuzz;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.fpt.bodies.gpt2.Gpt2ConfigJson;
import org.fpt.bodies.vit.VitConfigJson;

/** An HF {@code config.json} reader, fed the file its family's reference checkpoint ships. */
final class ConfigJsonTarget extends TextFileTarget {
    static final String GPT2 = """
            {
              "activation_function": "gelu_new",
              "architectures": ["GPT2LMHeadModel"],
              "attn_pdrop": 0.1,
              "bos_token_id": 50256,
              "embd_pdrop": 0.1,
              "eos_token_id": 50256,
              "initializer_range": 0.02,
              "layer_norm_epsilon": 1e-05,
              "model_type": "gpt2",
              "n_ctx": 1024,
              "n_embd": 768,
              "n_head": 12,
              "n_inner": null,
              "n_layer": 12,
              "n_positions": 1024,
              "resid_pdrop": 0.1,
              "scale_attn_weights": true,
              "scale_attn_by_inverse_layer_idx": false,
              "summary_activation": null,
              "task_specific_params": {"text-generation": {"do_sample": true, "max_length": 50}},
              "vocab_size": 50257
            }
            """;
    static final String VIT = """
            {
              "architectures": ["ViTForImageClassification"],
              "attention_probs_dropout_prob": 0.0,
              "encoder_stride": 16,
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.0,
              "hidden_size": 768,
              "id2label": {"0": "tench, Tinca tinca", "1": "goldfish, Carassius auratus"},
              "image_size": 224,
              "initializer_range": 0.02,
              "intermediate_size": 3072,
              "layer_norm_eps": 1e-12,
              "model_type": "vit",
              "num_attention_heads": 12,
              "num_channels": 3,
              "num_hidden_layers": 12,
              "patch_size": 16,
              "qkv_bias": true,
              "torch_dtype": "float32",
              "transformers_version": "4.13.0.dev0"
            }
            """;

    private final Consumer<Path> reader;

    private ConfigJsonTarget(String name, String config, Consumer<Path> reader) {
        super(name, "config.json", config);
        this.reader = reader;
    }

    /** gpt2's config.json (HF's gpt2 repository). */
    static ConfigJsonTarget gpt2() {
        return new ConfigJsonTarget("gpt2 config.json", GPT2, file -> Gpt2ConfigJson.read(file, "fuzz"));
    }

    /** google/vit-base-patch16-224's config.json. */
    static ConfigJsonTarget vit() {
        return new ConfigJsonTarget("vit config.json", VIT, file -> VitConfigJson.read(file, "fuzz"));
    }

    @Override
    void readFile(Path file) {
        reader.accept(file);
    }
}
