package org.fpt.weights;

import java.util.Set;

/**
 * The little a loader needs from a checkpoint: its keys, each tensor's shape, its values as float32. Kept
 * minimal so that any reader can back it (the safetensors reader in one line per method); the ViT loader is
 * written against it.
 */
public interface NamedTensors {
    /** What errors name: the file, usually. */
    String origin();

    Set<String> keys();

    long[] shape(String key);

    float[] floats(String key);
}
