package org.fpt.spi;

/**
 * The shape of one example's input: {@code tokens} positions, each either a vector of
 * {@code valueDim} floats (bits, patches) or one id below {@code vocabSize} (ListOps, amino acids).
 */
public record InputSpec(int tokens, int valueDim, int vocabSize) {
    public InputSpec {
        if (tokens <= 0 || (valueDim > 0) == (vocabSize > 0)) {
            throw new IllegalArgumentException("InputSpec needs tokens > 0 and exactly one of valueDim, vocabSize > 0");
        }
    }

    public static InputSpec values(int tokens, int valueDim) {
        return new InputSpec(tokens, valueDim, 0);
    }

    public static InputSpec tokenIds(int tokens, int vocabSize) {
        return new InputSpec(tokens, 0, vocabSize);
    }

    public boolean isTokenIds() {
        return vocabSize > 0;
    }
}
