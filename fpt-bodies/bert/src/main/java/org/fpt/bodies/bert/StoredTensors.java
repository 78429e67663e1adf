package org.fpt.bodies.bert;

import java.io.IOException;
import java.util.List;

/**
 * The tensors of one checkpoint file under their body-side names (a format's own names already mapped),
 * each stored either in the body's layout or, for matrices, {@code [in, out]}.
 */
public interface StoredTensors {
    /** The file, for error messages. */
    String origin();

    boolean contains(String name);

    long[] dims(String name);

    /** Whether {@code name} is a matrix stored {@code [in, out]}, the transpose of a body's {@code [out, in]}. */
    boolean isInputMajor(String name);

    /** A float32 tensor's values, row-major as stored. */
    float[] floats(String name) throws IOException;

    /** A hint for a missing key: names the format could not map (empty if none). */
    default List<String> unmapped() {
        return List.of();
    }
}
