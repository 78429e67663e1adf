package org.fpt.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;

/**
 * What a {@link PeftMethod} inserts at one {@link PeftSite}: a DJL block on the projection's input or output.
 * <ul>
 *   <li>{@link Placement#INPUT}: the block maps {@code (x)} to {@code x'}, and the site computes {@code x' W^T + b};
 *       it is initialised with the shape of {@code x [..., in]}.</li>
 *   <li>{@link Placement#OUTPUT}: the block maps {@code (x, y)} to {@code y'}, where {@code y = x W^T + b};
 *       it is initialised with the shapes of {@code x [..., in]} and {@code y [..., out]}.</li>
 * </ul>
 * The block's parameters appear directly under the site's path: a parameter named {@code lora_a} at the site
 * {@code h.0.attn.c_attn} is {@code h.0.attn.c_attn.lora_a} (a child block named {@code down} puts its
 * parameters under {@code h.0.attn.c_attn.down.*}). Names must therefore differ from the site's own
 * {@code weight} and {@code bias}; a clash is an error naming both. Parameters carry their own initializers:
 * the host never overwrites them.
 */
public record PeftInsertion(Placement placement, Block block) {
    public PeftInsertion {
        if (placement == null || block == null) {
            throw new IllegalArgumentException("PeftInsertion needs a placement and a block");
        }
    }

    public static PeftInsertion onInput(Block block) {
        return new PeftInsertion(Placement.INPUT, block);
    }

    public static PeftInsertion onOutput(Block block) {
        return new PeftInsertion(Placement.OUTPUT, block);
    }

    public enum Placement { INPUT, OUTPUT }

    /**
     * Optional for an inserted block: folding it into the site's own weight and bias, so the site is one plain
     * projection again (for inference and {@code --export-body}, which writes bodies in checkpoint layouts that
     * have no place for inserted parameters). A block that cannot be merged makes export fail, naming it.
     */
    public interface Mergeable {
        /**
         * {@code W'} ({@code [out, in]}) and {@code b'} ({@code [out]}) such that {@code x W'^T + b'} is what the site
         * computes with this block inserted. Must not modify {@code weight} or {@code bias}.
         */
        NDList merge(NDArray weight, NDArray bias);
    }
}
