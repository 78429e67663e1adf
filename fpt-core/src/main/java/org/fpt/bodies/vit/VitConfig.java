package org.fpt.bodies.vit;

import org.fpt.model.ConfigValueException;

/**
 * ViT hyper-parameters, named as in HF's {@code ViTConfig}. The patch projection is left out: in FPT the
 * task's input layer embeds the patches, so the body starts at the CLS token and positions.
 * {@code numPatches} = (image_size / patch_size)^2; the position table holds one more row, for CLS.
 */
public record VitConfig(String name, int numHiddenLayers, int numAttentionHeads, int hiddenSize, int intermediateSize,
                        int numPatches, float dropout, float layerNormEps) {
    public VitConfig {
        ConfigValueException.requirePositive("num_hidden_layers", numHiddenLayers);
        ConfigValueException.requireDivisible("hidden_size", hiddenSize, "num_attention_heads", numAttentionHeads);
        ConfigValueException.requirePositive("intermediate_size", intermediateSize);
        ConfigValueException.requirePositive("(image_size / patch_size)^2", numPatches);
        ConfigValueException.requireDropout("hidden_dropout_prob", dropout);
        ConfigValueException.requireEpsilon("layer_norm_eps", layerNormEps);
    }

    /** {@code google/vit-base-patch16-224}: 12 layers, width 768, 224x224 images in 16x16 patches. */
    public static VitConfig vitBase() {
        return new VitConfig("vit-base", 12, 12, 768, 3072, 196, 0f, 1e-12f);
    }

    /** A small body for tests and quick runs: 2 layers, width 64, 64 patches. */
    public static VitConfig tiny() {
        return new VitConfig("vit-tiny", 2, 4, 64, 256, 64, 0f, 1e-12f);
    }

    /** The same body with {@code patches} position rows (plus CLS). */
    public VitConfig withPatches(int patches) {
        return new VitConfig(name, numHiddenLayers, numAttentionHeads, hiddenSize, intermediateSize, patches, dropout, layerNormEps);
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** Parameters of the body as built here (no patch projection, no classifier). */
    public long parameterCount() {
        long c = hiddenSize;
        long perLayer = 4 * (c * c + c)                                   // query, key, value, attention.output.dense
                + (c * intermediateSize + intermediateSize) + (intermediateSize * c + c) // intermediate, output
                + 2 * 2 * c;                                               // layernorm_before, layernorm_after
        return c + (numPatches + 1L) * c + numHiddenLayers * perLayer + 2 * c;
    }
}
