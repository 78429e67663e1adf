package org.fpt.model;

/**
 * A hyper-parameter no model can have, named by its key in HF's {@code config.json} ({@code n_layer},
 * {@code layer_norm_eps}, ...), so that a reader can add the file: {@code config.json: field n_layer: ...}.
 * The config records check their values themselves, so every way of making one is covered.
 */
public final class ConfigValueException extends IllegalArgumentException {
    private final String key;
    private final String detail;

    private ConfigValueException(String key, String detail) {
        super(key + " " + detail);
        this.key = key;
        this.detail = detail;
    }

    public String key() {
        return key;
    }

    /** The message without the key: {@code must be a positive integer, found 0}. */
    public String detail() {
        return detail;
    }

    /** A count (layers, heads, width, positions): at least 1. */
    public static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new ConfigValueException(key, "must be a positive integer, found " + value);
        }
    }

    /** A dropout rate: in [0, 1) (1 would drop everything). */
    public static void requireDropout(String key, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new ConfigValueException(key, "must be in [0, 1), found " + value);
        }
    }

    /** A LayerNorm epsilon: positive and finite (0 divides by zero on a constant input, below 0 takes a root of a negative). */
    public static void requireEpsilon(String key, float value) {
        if (!(value > 0 && Float.isFinite(value))) {
            throw new ConfigValueException(key, "must be a positive finite number, found " + value);
        }
    }

    /** {@code width} split evenly into {@code heads}. */
    public static void requireDivisible(String widthKey, int width, String headsKey, int heads) {
        requirePositive(widthKey, width);
        requirePositive(headsKey, heads);
        if (width % heads != 0) {
            throw new ConfigValueException(headsKey, "must divide " + widthKey + " = " + width + ", found " + heads);
        }
    }
}
