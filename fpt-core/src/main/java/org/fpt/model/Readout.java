package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * Which body outputs the head reads, as a weight matrix {@code [B, K, T]} applied to the hidden states
 * {@code [B, T, C]}. Built from each example's valid length, so padding never reaches the head (the
 * official code read a pad token as the last one).
 */
public enum Readout {
    /** The last K valid tokens: what a causal body must use, since only they have seen the whole input. */
    LAST,
    /** The first K tokens (BERT's [CLS] position). */
    FIRST,
    /** The mean over valid tokens (K must be 1). */
    MEAN;

    /**
     * The readout when none is asked for. A causal body reads {@link #LAST}: only the last tokens have seen
     * the input. A bidirectional body (BERT family) reads {@link #MEAN} when the task reads one position: its
     * inputs have no [CLS] token, and MiniLM and e5 were trained with mean pooling (measured in
     * docs/bert-bodies.md). It reads {@link #LAST} when the task reads several, which keeps them aligned with
     * the task's query tokens (bit-memory's masked pattern).
     */
    public static Readout defaultFor(boolean causalBody, int readTokens) {
        return causalBody || readTokens > 1 ? LAST : MEAN;
    }

    public static Readout parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown readout '" + text + "'. Available: last, first, mean");
        }
    }

    public NDArray weights(NDManager manager, int[] lengths, int tokens, int k) {
        int b = lengths.length;
        if (this == MEAN && k != 1) {
            throw new IllegalArgumentException("Readout 'mean' reads one position, but the task reads " + k);
        }
        float[] w = new float[b * k * tokens];
        for (int i = 0; i < b; i++) {
            int len = lengths[i];
            if (len < k || len > tokens) {
                throw new IllegalArgumentException("Example " + i + " has length " + len + "; the readout needs " + k + " to " + tokens);
            }
            for (int j = 0; j < k; j++) {
                int row = (i * k + j) * tokens;
                switch (this) {
                    case LAST -> w[row + len - k + j] = 1f;
                    case FIRST -> w[row + j] = 1f;
                    case MEAN -> {
                        for (int t = 0; t < len; t++) {
                            w[row + t] = 1f / len;
                        }
                    }
                }
            }
        }
        return manager.create(w, new Shape(b, k, tokens));
    }
}
