package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.policies.FullPolicy;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.ParameterPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An input adapter written the natural DJL way, {@code SequentialBlock(Linear, gelu, Linear)}: DJL names
 * both layers {@code Linear} (after its ordinal), and every one of them must still get a path of its own and
 * train under both the paper's policy and full fine-tuning.
 */
class MultiLayerAdapterTest {
    static final int WIDTH = 8;

    @ParameterizedTest
    @ValueSource(strings = {"fpt", "full"})
    void everyLayerOfASequentialAdapterTrains(String policyName) {
        FreezingPolicy policy = policyName.equals("fpt") ? new FptPolicy() : new FullPolicy();
        TwoLayerAdapter adapter = new TwoLayerAdapter();
        Gpt2Config config = Gpt2Config.tiny();
        Engine.getEngine("MXNet");
        try (FptTrainer trainer = new FptTrainer(ToyTask.INSTANCE, new Gpt2Body(config, "random init"), adapter, policy,
                Readout.LAST, TrainingConfig.defaults(10, 8, 7), Device.cpu(), "MXNet")) {
            List<float[]> before = adapter.weights();
            Random rng = new Random(3);
            for (int i = 0; i < 3; i++) {
                trainer.step(ToyTask.INSTANCE.trainBatch(8, rng));
            }
            List<float[]> after = adapter.weights();
            for (int layer = 0; layer < before.size(); layer++) {
                assertThat(after.get(layer)).as("weight of adapter layer %d moved", layer).isNotEqualTo(before.get(layer));
            }

            assertThat(trainer.parameters().keySet()).extracting(ParameterPath::dotted)
                    .contains("in.01Linear.weight", "in.01Linear.bias", "in.03Linear.weight", "in.03Linear.bias");
            long everyParameter = trainer.model().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(trainer.totalParams()).as("every parameter of the model has a path").isEqualTo(everyParameter);
            long d = config.nEmbd();
            long in = ToyTask.BITS * WIDTH + WIDTH + WIDTH * d + d;
            long out = d * ToyTask.BITS * 2 + ToyTask.BITS * 2;
            long wpe = (long) config.nPositions() * d;
            long layerNorms = (2L * config.nLayer() + 1) * 2 * d;
            assertThat(trainer.trainableParams()).isEqualTo(policyName.equals("full") ? everyParameter : in + out + wpe + layerNorms);
        }
    }

    /** Two Linear layers with a GELU between them, kept so the test can read their weights. */
    static final class TwoLayerAdapter implements ModalityAdapter {
        final List<Linear> layers = new ArrayList<>();

        @Override
        public String name() {
            return "two-layer";
        }

        @Override
        public boolean supports(InputSpec input) {
            return !input.isTokenIds();
        }

        @Override
        public Block inputLayer(InputSpec input, int hiddenSize) {
            layers.add(Linear.builder().setUnits(WIDTH).build());
            layers.add(Linear.builder().setUnits(hiddenSize).build());
            return new SequentialBlock().add(layers.get(0)).add(Activation::gelu).add(layers.get(1));
        }

        List<float[]> weights() {
            return layers.stream().map(l -> {
                Parameter weight = l.getParameters().get("weight");
                return weight.getArray().toFloatArray();
            }).toList();
        }
    }
}
