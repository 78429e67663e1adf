package org.fpt.bodies.gpt2;

import org.fpt.model.ConfigValueException;

/**
 * GPT-2 hyper-parameters, named as in HF's {@code config.json} ({@code n_layer}, {@code n_embd}, ...).
 * The token embedding is left out: FPT feeds input embeddings, as the paper does.
 */
public record Gpt2Config(String name, int nLayer, int nHead, int nEmbd, int nPositions, float dropout, float layerNormEps) {
    public Gpt2Config {
        ConfigValueException.requirePositive("n_layer", nLayer);
        ConfigValueException.requireDivisible("n_embd", nEmbd, "n_head", nHead);
        ConfigValueException.requirePositive("n_positions", nPositions);
        ConfigValueException.requireDropout("resid_pdrop", dropout);
        ConfigValueException.requireEpsilon("layer_norm_epsilon", layerNormEps);
    }

    public static Gpt2Config gpt2() {
        return of("gpt2", 12, 12, 768);
    }

    public static Gpt2Config gpt2Medium() {
        return of("gpt2-medium", 24, 16, 1024);
    }

    public static Gpt2Config gpt2Large() {
        return of("gpt2-large", 36, 20, 1280);
    }

    public static Gpt2Config gpt2Xl() {
        return of("gpt2-xl", 48, 25, 1600);
    }

    /** A small body for tests and quick runs: 2 layers, width 64. */
    public static Gpt2Config tiny() {
        return of("gpt2-tiny", 2, 4, 64);
    }

    public static Gpt2Config of(String name, int nLayer, int nHead, int nEmbd) {
        return new Gpt2Config(name, nLayer, nHead, nEmbd, 1024, 0.1f, 1e-5f);
    }

    public Gpt2Config withDropout(float rate) {
        return new Gpt2Config(name, nLayer, nHead, nEmbd, nPositions, rate, layerNormEps);
    }

    public Gpt2Config withPositions(int positions) {
        return new Gpt2Config(name, nLayer, nHead, nEmbd, positions, dropout, layerNormEps);
    }

    public int headSize() {
        return nEmbd / nHead;
    }

    /** Parameters of the body as built here (no {@code wte}). */
    public long parameterCount() {
        long perLayer = 2L * 2 * nEmbd                      // ln_1, ln_2
                + (long) nEmbd * 3 * nEmbd + 3L * nEmbd      // c_attn
                + (long) nEmbd * nEmbd + nEmbd               // attn.c_proj
                + (long) nEmbd * 4 * nEmbd + 4L * nEmbd      // c_fc
                + 4L * nEmbd * nEmbd + nEmbd;                // mlp.c_proj
        return (long) nPositions * nEmbd + nLayer * perLayer + 2L * nEmbd;
    }
}
