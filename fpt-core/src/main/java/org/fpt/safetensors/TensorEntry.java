package org.fpt.safetensors;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor of a safetensors header: its type, shape, and {@code [begin, end)} byte range relative to the
 * start of the data buffer (the byte after the header).
 */
public record TensorEntry(String key, SafetensorsDtype dtype, Shape shape, long begin, long end) {
    public long numel() {
        return shape.size();
    }

    public long byteSize() {
        return end - begin;
    }
}
