package org.fpt.peft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.bodies.lstm.LstmBody;
import org.fpt.bodies.vit.VitBody;
import org.fpt.bodies.vit.VitConfig;
import org.fpt.model.BodyExport;
import org.fpt.model.PeftSites;
import org.fpt.policies.PeftPolicy;
import org.fpt.spi.Body;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.PeftSite;
import org.fpt.spi.PeftSite.Projection;
import org.fpt.train.FptTrainer;
import org.fpt.train.PeftChecks;
import org.fpt.train.ToyTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the host offers PEFT methods (sites), where their parameters land, and what it refuses. */
class PeftSitesTest {
    @TempDir
    Path dir;

    @Test
    void gpt2OffersEveryProjectionWithWhatItComputes() {
        List<PeftSite> sites = List.copyOf(PeftSites.of(new Gpt2Body(Gpt2Config.tiny(), "random init")).keySet());
        assertThat(sites).hasSize(8);
        assertThat(sites.subList(0, 4)).containsExactly(
                new PeftSite("h.0.attn.c_attn", Role.ATTENTION, OptionalInt.of(0), 64, 192,
                        List.of(Projection.QUERY, Projection.KEY, Projection.VALUE)),
                new PeftSite("h.0.attn.c_proj", Role.ATTENTION, OptionalInt.of(0), 64, 64, List.of(Projection.ATTENTION_OUTPUT)),
                new PeftSite("h.0.mlp.c_fc", Role.FEED_FORWARD, OptionalInt.of(0), 64, 256, List.of(Projection.FEED_FORWARD_UP)),
                new PeftSite("h.0.mlp.c_proj", Role.FEED_FORWARD, OptionalInt.of(0), 256, 64, List.of(Projection.FEED_FORWARD_DOWN)));
        assertThat(sites.get(0).partWidth()).isEqualTo(64);
    }

    @Test
    void loraAndIa3FindTheVitProjections() {
        assertThat(inserted("lora:r=2,alpha=4", VitBody.random(VitConfig.tiny()))).hasSize(2 * 4 * 2)
                .contains("body.encoder.layer.0.attention.attention.query.lora_a", "body.encoder.layer.1.attention.output.dense.lora_b")
                .noneMatch(p -> p.contains("intermediate") || p.contains("layer.0.output.dense"));
        assertThat(inserted("ia3", VitBody.random(VitConfig.tiny()))).containsExactly(
                "body.encoder.layer.0.attention.attention.key.ia3_l", "body.encoder.layer.0.attention.attention.value.ia3_l",
                "body.encoder.layer.0.output.dense.ia3_l",
                "body.encoder.layer.1.attention.attention.key.ia3_l", "body.encoder.layer.1.attention.attention.value.ia3_l",
                "body.encoder.layer.1.output.dense.ia3_l");
    }

    @Test
    void aBodyWithNothingToAdaptIsRefusedNotTrainedAsFpt() {
        for (String spec : List.of("lora", "ia3")) {
            assertThatThrownBy(() -> PeftChecks.trainer(ToyTask.INSTANCE, new LstmBody("lstm-16", 16), spec))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Policy '" + spec + "' has nothing to adapt in body 'lstm-16' (lstm): none of its 0 projection sites"
                            + " is one the method targets, and it trains none of its parameters");
        }
    }

    /**
     * A method of one's own: a block with a DJL child whose input size is inferred from the shapes the host
     * passes. Its parameters land under the site, train, and the body cannot be exported unmerged.
     */
    @Test
    void aMethodsChildBlocksGetTheSiteShapesAndPathsUnderTheSite() {
        try (FptTrainer trainer = trainer(new Shortcut())) {
            Map<String, float[]> before = PeftChecks.snapshot(trainer);
            assertThat(before).containsKeys("body.h.1.mlp.c_fc.shortcut.weight", "body.h.1.mlp.c_fc.shortcut.bias");
            assertThat(before.get("body.h.1.mlp.c_fc.shortcut.weight")).hasSize(256 * 64);
            PeftChecks.train(trainer, ToyTask.INSTANCE, 3);
            assertThat(PeftChecks.snapshot(trainer).get("body.h.1.mlp.c_fc.shortcut.weight"))
                    .isNotEqualTo(before.get("body.h.1.mlp.c_fc.shortcut.weight"));
            assertThatThrownBy(() -> BodyExport.write(trainer.model().body(), dir))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(ShortcutBlock.class.getName() + " inserted at h.0.mlp.c_fc cannot be merged");
        }
    }

    @Test
    void anInsertedParameterNamedLikeTheSitesOwnIsRefused() {
        PeftMethod clash = new Shortcut() {
            @Override
            public Optional<PeftInsertion> insert(PeftSite site) {
                return Optional.of(PeftInsertion.onOutput(new Clash()));
            }
        };
        assertThatThrownBy(() -> trainer(clash)).hasMessageContaining("at h.0.attn.c_attn names a parameter 'weight'")
                .hasMessageContaining("h.0.attn.c_attn.weight");
    }

    private static List<String> inserted(String spec, Body body) {
        try (FptTrainer trainer = PeftChecks.trainer(ToyTask.INSTANCE, body, spec)) {
            return trainer.parameters().keySet().stream().map(p -> p.dotted())
                    .filter(p -> p.endsWith(".lora_a") || p.endsWith(".lora_b") || p.endsWith(".ia3_l")).toList();
        }
    }

    private static FptTrainer trainer(PeftMethod method) {
        return PeftChecks.trainer(ToyTask.INSTANCE, new Gpt2Body(Gpt2Config.tiny(), "random init"), new PeftPolicy(method));
    }

    /** {@code y + shortcut(x)} on the feed-forward's first projection; {@code shortcut} learns its input size. */
    static class Shortcut implements PeftMethod {
        @Override
        public String name() {
            return "shortcut";
        }

        @Override
        public Optional<PeftInsertion> insert(PeftSite site) {
            return site.computes(Projection.FEED_FORWARD_UP)
                    ? Optional.of(PeftInsertion.onOutput(new ShortcutBlock(site.outFeatures()))) : Optional.empty();
        }
    }

    static final class ShortcutBlock extends AbstractBlock {
        private final Linear shortcut;

        ShortcutBlock(int out) {
            shortcut = addChildBlock("shortcut", Linear.builder().setUnits(out).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(inputs.get(1).add(shortcut.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow()));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            shortcut.initialize(manager, dataType, inputShapes[0]);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[1]};
        }
    }

    /** Names its parameter {@code weight}, which the site already has. */
    static final class Clash extends AbstractBlock {
        Clash() {
            addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).optShape(new Shape(1)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(inputs.get(1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[1]};
        }
    }
}
