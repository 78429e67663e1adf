package org.fpt.safetensors;

import java.nio.file.Path;

/**
 * A checkpoint could not be read or does not fit the model. The message names the file, the key (or the
 * header part) and what was expected versus found, and is meant for the user as it is.
 */
public final class CheckpointException extends RuntimeException {
    private final transient Path file;
    private final String key;

    public CheckpointException(Path file, String key, String detail) {
        this(file, key, detail, null);
    }

    public CheckpointException(Path file, String key, String detail, Throwable cause) {
        super(file + ": " + key + ": " + detail, cause);
        this.file = file;
        this.key = key;
    }

    /** The {@code where} of a tensor's error: {@code tensor 'h.0.attn.c_attn.weight'}. */
    public static String tensor(String key) {
        return "tensor '" + key + "'";
    }

    public Path file() {
        return file;
    }

    /** What the error is about: a tensor ({@link #tensor}), {@code header}, or a config field. */
    public String key() {
        return key;
    }
}
