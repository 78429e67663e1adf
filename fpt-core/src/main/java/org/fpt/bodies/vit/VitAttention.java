package org.fpt.bodies.vit;

import org.fpt.model.SeparateQkvAttention;

/** ViT's {@code attention}: {@code attention.query/key/value}, then {@code output.dense}, as HF names them. */
public final class VitAttention extends SeparateQkvAttention {
    public VitAttention(VitConfig config) {
        super("attention", config.hiddenSize(), config.numAttentionHeads(), config.dropout());
    }
}
