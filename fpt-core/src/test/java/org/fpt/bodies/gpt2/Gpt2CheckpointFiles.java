package org.fpt.bodies.gpt2;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import org.fpt.safetensors.SafetensorsFiles;

/** Writes a GPT-2 checkpoint with HF's keys and shapes for a config; entries can be changed or dropped. */
public final class Gpt2CheckpointFiles {
    private Gpt2CheckpointFiles() {
    }

    /** Every element of tensor {@code key} at flat index {@code i} is {@code value(key, i)}. */
    public static float value(String key, int i) {
        return (key.hashCode() % 97) * 1e-3f + i * 1e-4f;
    }

    /**
     * Writes {@code dir/model.safetensors}. {@code edit} sees each (key, HF shape) and returns the shape to
     * write, or null to leave the key out; {@code extra} holds tensors written before them.
     */
    static Path write(Path dir, Gpt2Config config, BiFunction<String, Shape, Shape> edit, SafetensorsFiles extra) {
        SafetensorsFiles files = extra == null ? new SafetensorsFiles() : extra;
        for (Map.Entry<String, Shape> e : new Gpt2Model(config).checkpointShapes().entrySet()) {
            Shape shape = edit.apply(e.getKey(), e.getValue());
            if (shape != null) {
                float[] values = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(e.getKey(), i);
                }
                files.f32(e.getKey(), shape, values);
            }
        }
        return files.write(dir.resolve("model.safetensors"));
    }

    public static Path write(Path dir, Gpt2Config config) {
        return write(dir, config, (key, shape) -> shape, null);
    }
}
