package org.fpt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fpt.adapters.EmbeddingAdapter;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.ParameterPath;
import org.junit.jupiter.api.Test;

/** The path rule: DJL's ordinal goes, unless siblings would then share a name; one path, one parameter. */
class ParameterPathsTest {
    @Test
    void siblingsWithOneNameKeepTheirOrdinalOthersDropIt() {
        Block adapter = new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Activation::gelu)
                .add(Linear.builder().setUnits(4).build());
        assertThat(ParameterPaths.of(adapter).keySet()).containsExactly("01Linear.weight", "01Linear.bias", "03Linear.weight", "03Linear.bias");
        assertThat(ParameterPaths.blocks(adapter).keySet()).containsExactly("", "01Linear", "LambdaBlock", "03Linear");

        Block single = new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Activation::gelu);
        assertThat(ParameterPaths.of(single).keySet()).containsExactly("Linear.weight", "Linear.bias");
    }

    @Test
    void builtInAdaptersHeadAndBodyKeepTheirPaths() {
        // Checkpoints of running experiments are keyed by these paths: they must not change.
        Gpt2Body body = new Gpt2Body(Gpt2Config.tiny(), "random init");
        InputSpec values = InputSpec.values(2, 5);
        FptModel linear = new FptModel(values, OutputSpec.classifier(2), new LinearAdapter().inputLayer(values, 64), body,
                new LinearAdapter().outputHead(64, OutputSpec.classifier(2)));
        assertThat(linear.parameters().keySet()).extracting(ParameterPath::dotted)
                .startsWith("in.weight", "in.bias", "body.wpe.weight", "body.h.0.ln_1.weight")
                .contains("body.h.1.attn.c_attn.weight", "body.h.1.mlp.c_proj.bias", "body.ln_f.bias")
                .endsWith("out.weight", "out.bias");

        InputSpec ids = InputSpec.tokenIds(4, 7);
        FptModel embedding = new FptModel(ids, OutputSpec.classifier(2), new EmbeddingAdapter().inputLayer(ids, 64),
                new Gpt2Body(Gpt2Config.tiny(), "random init"), new EmbeddingAdapter().outputHead(64, OutputSpec.classifier(2)));
        assertThat(embedding.parameters().keySet()).extracting(ParameterPath::dotted).startsWith("in.weight", "body.wpe.weight");
    }

    @Test
    void twoParametersOnOnePathIsAnErrorNamingBoth() {
        Block clash = new Twins();
        assertThatThrownBy(() -> ParameterPaths.of(clash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.Linear.weight'")
                .hasMessageContaining("01a.Linear")
                .hasMessageContaining("02a.01Linear");
    }

    @Test
    void aParameterWithoutANameIsAnErrorNamingItsBlock() {
        SequentialBlock model = new SequentialBlock();
        model.add(Linear.builder().setUnits(2).build());
        model.add(new Unnamed());
        assertThatThrownBy(() -> ParameterPaths.of(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A parameter of block " + Unnamed.class.getName() + " at '")
                .hasMessageEndingWith("' has no name; a parameter's own name ends its path: give it one with Parameter.builder().setName(...)");
    }

    /** A block as a DJL user may write it, with a parameter built without a name. */
    static final class Unnamed extends PassThrough {
        Unnamed() {
            addParameter(ai.djl.nn.Parameter.builder().setType(ai.djl.nn.Parameter.Type.WEIGHT).optShape(new Shape(2)).build());
        }
    }

    /** A child named {@code a.Linear} next to a child {@code a} holding a {@code Linear}: one path, two parameters. */
    static final class Twins extends PassThrough {
        Twins() {
            addChildBlock("a.Linear", Linear.builder().setUnits(2).build());
            addChildBlock("a", new SequentialBlock().add(Linear.builder().setUnits(2).build()));
        }
    }

    /** A block that only holds what its subclass adds: the paths are under test, not the computation. */
    abstract static class PassThrough extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
