package org.fpt.bodies.bert;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Map;

/**
 * Where a body's pretrained values come from. A reader gets every key the body expects with the shape
 * the body stores it in, and returns each key's values in that layout (row-major float32), transposing
 * whatever its format stores differently. A key it lacks, or one of another shape, is an error naming
 * the file, the key, the expected and the found shape.
 */
@FunctionalInterface
public interface PretrainedWeights {
    Map<String, float[]> read(Map<String, Shape> expected) throws IOException;
}
