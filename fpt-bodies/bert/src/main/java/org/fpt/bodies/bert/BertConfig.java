package org.fpt.bodies.bert;

import org.fpt.model.ConfigValueException;

/**
 * BERT hyper-parameters, as in HF's {@code config.json} ({@code num_hidden_layers}, {@code hidden_size},
 * ...). The word embedding is left out: FPT feeds input embeddings, as it does for GPT-2's {@code wte}.
 */
public record BertConfig(String name, int layers, int heads, int hidden, int intermediate, int maxPositions,
                         int typeVocab, float layerNormEps, float dropout) {
    public BertConfig {
        ConfigValueException.requirePositive("num_hidden_layers", layers);
        ConfigValueException.requireDivisible("hidden_size", hidden, "num_attention_heads", heads);
        ConfigValueException.requirePositive("intermediate_size", intermediate);
        ConfigValueException.requirePositive("max_position_embeddings", maxPositions);
        ConfigValueException.requirePositive("type_vocab_size", typeVocab);
        ConfigValueException.requireEpsilon("layer_norm_eps", layerNormEps);
        ConfigValueException.requireDropout("hidden_dropout_prob", dropout);
    }

    /** all-MiniLM-L6-v2 (sentence-transformers): 6 layers, width 384, 12 heads of 32. */
    public static BertConfig minilmL6() {
        return of("minilm-l6", 6, 12, 384);
    }

    /** intfloat/e5-small-v2: 12 layers, width 384. */
    public static BertConfig e5SmallV2() {
        return of("e5-small-v2", 12, 12, 384);
    }

    public static BertConfig bertBase() {
        return of("bert-base-uncased", 12, 12, 768);
    }

    /** A small body for tests: Google's BERT-Tiny shape (2 layers, width 128, 2 heads). */
    public static BertConfig tiny() {
        return of("bert-tiny", 2, 2, 128);
    }

    /** BERT's defaults: feed-forward 4x wide, 512 positions, 2 token types, LayerNorm eps 1e-12, dropout 0.1. */
    public static BertConfig of(String name, int layers, int heads, int hidden) {
        return new BertConfig(name, layers, heads, hidden, 4 * hidden, 512, 2, 1e-12f, 0.1f);
    }

    public BertConfig withDropout(float rate) {
        return new BertConfig(name, layers, heads, hidden, intermediate, maxPositions, typeVocab, layerNormEps, rate);
    }

    /** The same body with {@code positions} position rows. */
    public BertConfig withMaxPositions(int positions) {
        return new BertConfig(name, layers, heads, hidden, intermediate, positions, typeVocab, layerNormEps, dropout);
    }

    public int headSize() {
        return hidden / heads;
    }

    /** Parameters of the body as built here (no word embeddings, no pooler). */
    public long parameterCount() {
        long h = hidden;
        long perLayer = 4 * (h * h + h)                     // query, key, value, attention.output.dense
                + (h * intermediate + intermediate)         // intermediate.dense
                + ((long) intermediate * h + h)             // output.dense
                + 2 * 2 * h;                                // two LayerNorms
        return (long) maxPositions * h + typeVocab * h + 2 * h + layers * perLayer;
    }
}
