package org.fpt.spi;

/**
 * What the head predicts: it reads {@code readTokens} positions of the body's output (the last valid
 * ones for a causal body) and predicts {@code labelsPerToken} labels of {@code numClasses} classes from
 * each. A classifier is {@code (1, 1, C)}; bit-memory reads 20 tokens that predict 50 bits each.
 */
public record OutputSpec(int readTokens, int labelsPerToken, int numClasses) {
    public OutputSpec {
        if (readTokens <= 0 || labelsPerToken <= 0 || numClasses < 2) {
            throw new IllegalArgumentException("OutputSpec needs readTokens, labelsPerToken > 0 and numClasses >= 2");
        }
    }

    public static OutputSpec classifier(int numClasses) {
        return new OutputSpec(1, 1, numClasses);
    }

    public int labelsPerExample() {
        return readTokens * labelsPerToken;
    }
}
