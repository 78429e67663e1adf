package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.Map;
import java.util.stream.Collectors;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.ParameterPath;
import org.junit.jupiter.api.Test;

/** What an adapter's blocks set is kept; the framework's head default fills in only where nothing was set. */
class InitialisersTest {
    static final int HIDDEN = Gpt2Config.tiny().nEmbd();

    @Test
    void aHeadsOwnInitialiserIsKept() {
        Map<String, float[]> values = initialised(new ConstantHeadAdapter());
        assertThat(values.get("out.weight")).containsOnly(0.25f);
        assertThat(values.get("out.bias")).containsOnly(-0.5f);
    }

    @Test
    void aHeadThatSetsNothingGetsXavierWeightsAndZeroBias() {
        Map<String, float[]> values = initialised(new LinearAdapter());
        // XavierInitializer(): uniform, averaged fan, magnitude 6 -> |w| <= sqrt(6 / ((fanIn + fanOut) / 2)).
        int fanOut = ToyTask.BITS * 2;
        float bound = (float) Math.sqrt(6.0 / ((HIDDEN + fanOut) / 2.0));
        float[] weight = values.get("out.weight");
        assertThat(weight).hasSize(HIDDEN * fanOut);
        for (float w : weight) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo(bound);
        }
        assertThat(weight).doesNotContain(0f);
        assertThat(values.get("out.bias")).containsOnly(0f);
    }

    private static Map<String, float[]> initialised(ModalityAdapter adapter) {
        Engine.getEngine("MXNet");
        try (FptTrainer trainer = new FptTrainer(ToyTask.INSTANCE, new Gpt2Body(Gpt2Config.tiny(), "random init"), adapter,
                new FptPolicy(), Readout.LAST, TrainingConfig.defaults(1, 4, 7), Device.cpu(), "MXNet")) {
            return trainer.parameters().entrySet().stream().filter(e -> e.getKey().role() == ParameterPath.Role.OUTPUT)
                    .collect(Collectors.toMap(e -> e.getKey().dotted(), e -> e.getValue().getArray().toFloatArray()));
        }
    }

    /** The linear adapter's input layer with a head whose weights and bias start constant. */
    static final class ConstantHeadAdapter implements ModalityAdapter {
        @Override
        public String name() {
            return "constant-head";
        }

        @Override
        public boolean supports(InputSpec input) {
            return !input.isTokenIds();
        }

        @Override
        public Block inputLayer(InputSpec input, int hiddenSize) {
            return new LinearAdapter().inputLayer(input, hiddenSize);
        }

        @Override
        public Block outputHead(int hiddenSize, OutputSpec output) {
            Block head = Linear.builder().setUnits((long) output.labelsPerToken() * output.numClasses()).build();
            head.setInitializer(new ConstantInitializer(0.25f), Parameter.Type.WEIGHT);
            head.setInitializer(new ConstantInitializer(-0.5f), Parameter.Type.BIAS);
            return head;
        }
    }
}
