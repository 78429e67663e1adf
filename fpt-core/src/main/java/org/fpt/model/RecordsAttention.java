package org.fpt.model;

import ai.djl.ndarray.NDArray;
import java.util.function.Consumer;

/** An attention block that can hand each forward's probabilities {@code [B, H, T, T]} to a sink (attention maps). */
public interface RecordsAttention {
    /** {@code sink} receives every later forward's attention probabilities; null stops recording. */
    void recordProbabilities(Consumer<NDArray> sink);
}
