package org.fpt.spi;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

/**
 * Extension point: how a modality enters and leaves the body. The input layer maps a batch
 * ({@code [B, T, valueDim]} floats or {@code [B, T]} ids) to {@code [B, T, hidden]}; the head maps the
 * read-out hidden states {@code [B, K, hidden]} to logits {@code [B, K, labelsPerToken * classes]}.
 * Blocks carry their own initializers.
 */
public interface ModalityAdapter extends Named {
    boolean supports(InputSpec input);

    Block inputLayer(InputSpec input, int hiddenSize);

    /** A linear head, as in the paper. */
    default Block outputHead(int hiddenSize, OutputSpec output) {
        return Linear.builder().setUnits((long) output.labelsPerToken() * output.numClasses()).build();
    }
}
