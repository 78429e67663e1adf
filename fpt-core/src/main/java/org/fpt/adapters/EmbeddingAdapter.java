package org.fpt.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;

/** Token ids (ListOps symbols, amino acids) through a learned embedding table. */
public final class EmbeddingAdapter implements ModalityAdapter {
    @Override
    public String name() {
        return "embedding";
    }

    @Override
    public String description() {
        return "learned token embedding for id tokens (normal 0.02), linear head";
    }

    @Override
    public boolean supports(InputSpec input) {
        return input.isTokenIds();
    }

    @Override
    public Block inputLayer(InputSpec input, int hiddenSize) {
        return new Table(input.vocabSize(), hiddenSize);
    }

    /** {@code [B, T]} ids -> {@code [B, T, C]}. */
    static final class Table extends AbstractBlock {
        private final Parameter weight;
        private final int width;

        Table(int vocab, int width) {
            this.width = width;
            weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(vocab, width)).optInitializer(new NormalInitializer(0.02f)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray ids = inputs.singletonOrThrow();
            return new NDList(Embedding.embedding(ids, store.getValue(weight, ids.getDevice(), training), SparseFormat.DENSE));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0].add(width)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        }
    }
}
