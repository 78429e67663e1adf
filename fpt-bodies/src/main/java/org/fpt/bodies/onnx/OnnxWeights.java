package org.fpt.bodies.onnx;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fpt.model.PretrainedWeights;

/**
 * A body's weights from an ONNX model: every expected key must be an initializer (MatMul weights by their
 * recovered names) of the expected shape, or {@code [in, out]} for a MatMul weight, which is transposed
 * to the body's {@code [out, in]}. Tensors the body does not use (word embeddings, position ids) are
 * never decoded.
 */
public final class OnnxWeights implements PretrainedWeights {
    /** Opens the model afresh for each read: the file is only needed while a body loads. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private final String origin;

    public OnnxWeights(Opener opener, String origin) {
        this.opener = opener;
        this.origin = origin;
    }

    @Override
    public Map<String, float[]> read(Map<String, Shape> expected) throws IOException {
        OnnxInitializers initializers;
        try (InputStream in = opener.open()) {
            initializers = OnnxInitializers.read(in, origin);
        }
        return select(initializers, expected);
    }

    /** The expected keys' values in the body's layout; an error names the key and both shapes. */
    public static Map<String, float[]> select(OnnxInitializers initializers, Map<String, Shape> expected) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            String key = e.getKey();
            long[] want = e.getValue().getShape();
            if (!initializers.contains(key)) {
                throw new IOException(initializers.origin() + ": no tensor " + key + " (expected shape " + Arrays.toString(want) + ")"
                        + (initializers.unnamed().isEmpty() ? "" : "; stored matrices no bias names: " + initializers.unnamed()));
            }
            boolean transposed = initializers.isInputMajor(key);
            long[] stored = transposed ? reversed(want) : want;
            long[] found = initializers.dims(key);
            if (!Arrays.equals(stored, found)) {
                throw new IOException(initializers.origin() + ": tensor " + key + " has shape " + Arrays.toString(found)
                        + ", expected " + Arrays.toString(stored) + (transposed ? " ([in, out] as a MatMul weight)" : ""));
            }
            float[] data = initializers.floats(key);
            values.put(key, transposed ? transpose(data, (int) found[0], (int) found[1]) : data);
        }
        return values;
    }

    private static long[] reversed(long[] shape) {
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    /** {@code [rows, cols] -> [cols, rows]}. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
