package org.fpt.bodies.bert;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A body's weights from a checkpoint file: every expected key must be stored with the expected shape, or
 * {@code [in, out]} for a matrix the format stores transposed, which is transposed back to the body's
 * {@code [out, in]}. Tensors the body does not use (word embeddings, heads, optimizer slots) are never decoded.
 */
public final class StoredWeights implements PretrainedWeights {
    /** Opens and indexes the file afresh for each read: it is only needed while a body loads. */
    @FunctionalInterface
    public interface Reader {
        StoredTensors read() throws IOException;
    }

    private final Reader reader;

    public StoredWeights(Reader reader) {
        this.reader = reader;
    }

    @Override
    public Map<String, float[]> read(Map<String, Shape> expected) throws IOException {
        return select(reader.read(), expected);
    }

    /** The expected keys' values in the body's layout; an error names the file, the key and both shapes. */
    public static Map<String, float[]> select(StoredTensors tensors, Map<String, Shape> expected) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            String key = e.getKey();
            long[] want = e.getValue().getShape();
            if (!tensors.contains(key)) {
                throw new IOException(tensors.origin() + ": no tensor " + key + " (expected shape " + Arrays.toString(want) + ")"
                        + (tensors.unmapped().isEmpty() ? "" : "; tensors without a body name: " + tensors.unmapped()));
            }
            boolean transposed = tensors.isInputMajor(key);
            long[] stored = transposed ? reversed(want) : want;
            long[] found = tensors.dims(key);
            if (!Arrays.equals(stored, found)) {
                throw new IOException(tensors.origin() + ": tensor " + key + " has shape " + Arrays.toString(found)
                        + ", expected " + Arrays.toString(stored) + (transposed ? " ([in, out], the transpose of the body's)" : ""));
            }
            float[] data = tensors.floats(key);
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
