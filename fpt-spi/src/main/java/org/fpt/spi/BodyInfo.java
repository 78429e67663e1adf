package org.fpt.spi;

/** What {@code fpt bodies} shows: name, family, depth, width, parameter count, where weights come from. */
public record BodyInfo(String name, String family, int layers, int hiddenSize, int heads, long parameters, String source) {
}
