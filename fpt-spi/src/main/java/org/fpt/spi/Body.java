package org.fpt.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;

/**
 * A transformer body. Its block maps {@code (embeddings [B, T, hidden], keyMask [B, T])} to hidden states
 * {@code [B, T, hidden]}; it adds its own positional embeddings. The mask is 1 for real tokens, 0 for padding.
 */
public interface Body {
    BodyInfo info();

    Block block();

    /** Maximum sequence length (positions). */
    int maxPositions();

    /** Whether attention is causal: then the last valid token has seen the whole sequence. */
    boolean causal();

    /** The role of a parameter of {@link #block()}, by its dotted path relative to the body. */
    ParameterPath parameter(String path);

    /**
     * Gives the body {@code positions} learned positions instead of {@link #maxPositions()}, before the block
     * is initialised and before any PEFT method inserts into it: for tasks longer than the body was pretrained on.
     * Pretrained rows are kept and the new rows start from them (how is the family's to say and document);
     * policies that train positions then train the whole table. Bodies without a position table keep this
     * default, which refuses.
     */
    default void extendPositions(int positions) {
        throw new UnsupportedOperationException("Body '" + info().name() + "' (" + info().family()
                + ") has no position table to extend");
    }

    /** Called once the block's parameters exist: copy pretrained weights in (no-op for random init). */
    default void loadWeights(NDManager manager) {
    }

    /**
     * Writes this body as a checkpoint directory in its family's Hugging Face layout (e.g. {@code model.safetensors}
     * with HF's key names and a {@code config.json}), so {@code --body DIR} and HF tools read it back. The host
     * merges PEFT insertions into their projections first; parameters inserted by a PEFT method are not written.
     * Bodies without such a layout keep this default, which refuses, naming the body.
     */
    default void export(Path directory) {
        throw new UnsupportedOperationException("Body '" + info().name() + "' (" + info().family()
                + ") has no checkpoint layout to export to");
    }
}
