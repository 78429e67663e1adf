package org.fpt.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A fixture file as {@link NamedTensors}, read by the test-side format check (the reader is on another branch). */
final class FixtureTensors implements NamedTensors {
    private final String origin;
    final Map<String, SafetensorsFormatCheck.Tensor> tensors;

    FixtureTensors(String origin, Map<String, SafetensorsFormatCheck.Tensor> tensors) {
        this.origin = origin;
        this.tensors = new LinkedHashMap<>(tensors);
    }

    static FixtureTensors read(Path file) throws IOException {
        return new FixtureTensors(file.toString(), SafetensorsFormatCheck.read(file).tensors());
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public Set<String> keys() {
        return tensors.keySet();
    }

    @Override
    public long[] shape(String key) {
        return tensors.get(key).shape();
    }

    @Override
    public float[] floats(String key) {
        return tensors.get(key).values();
    }
}
