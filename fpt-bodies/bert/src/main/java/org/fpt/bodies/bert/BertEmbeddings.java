package org.fpt.bodies.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.model.Dropouts;
import org.fpt.model.LayerNormBlock;
import org.fpt.model.PositionEmbedding;
import org.fpt.model.ShapedBlock;

/**
 * BERT's embedding layer on input embeddings: {@code LayerNorm(x + token_type[0] + position[:T])}, dropout.
 * The input adapter's output takes the place of {@code word_embeddings}.
 */
public final class BertEmbeddings extends ShapedBlock {
    private final BertConfig config;
    private final PositionEmbedding positionEmbeddings;
    private final TokenTypeEmbedding tokenTypeEmbeddings;
    private final LayerNormBlock layerNorm;

    public BertEmbeddings(BertConfig config) {
        this.config = config;
        positionEmbeddings = addChildBlock("position_embeddings", new PositionEmbedding(config.maxPositions(), config.hidden()));
        tokenTypeEmbeddings = addChildBlock("token_type_embeddings", new TokenTypeEmbedding(config.typeVocab(), config.hidden()));
        layerNorm = addChildBlock("LayerNorm", new LayerNormBlock(config.hidden(), config.layerNormEps()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = tokenTypeEmbeddings.forward(store, new NDList(inputs.get(0)), training);
        x = positionEmbeddings.forward(store, x, training);
        x = layerNorm.forward(store, x, training);
        return new NDList(Dropouts.dropout(x.singletonOrThrow(), config.dropout(), training));
    }
}
