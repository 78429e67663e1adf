package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.OutputSpec;
import org.junit.jupiter.api.Test;

/**
 * An adapter whose blocks give the wrong shape is stopped at its first step with one line naming the block and both
 * shapes, not an engine error deep in the body (which names neither) or, for the head, a reshape into wrong labels.
 */
class AdapterShapeTest {
    @Test
    void anInputLayerOfTheWrongWidthIsNamedWithTheShapeTheBodyTakes() {
        assertFirstStepFails(new Adapter(2, 1), "The input layer (ai.djl.nn.core.Linear) gave shape (8, 2, 128); it must give "
                + "[B, T, hidden] = (8, 2, 64)");
    }

    @Test
    void aHeadWithTooManyOutputsIsNotReshapedIntoMoreLabels() {
        assertFirstStepFails(new Adapter(1, 2), "The output head (ai.djl.nn.core.Linear) gave shape (8, 1, 20); it must give "
                + "[B, K read positions, labels per position x classes] = (8, 1, 10)");
    }

    private static void assertFirstStepFails(ModalityAdapter adapter, String message) {
        Engine.getEngine("MXNet");
        try (FptTrainer trainer = new FptTrainer(ToyTask.INSTANCE, new Gpt2Body(Gpt2Config.tiny(), "random init"), adapter, new FptPolicy(),
                Readout.LAST, TrainingConfig.defaults(1, 8, 7), Device.cpu(), "MXNet")) {
            assertThatThrownBy(() -> trainer.train(TrainingListener.NONE)).isInstanceOf(IllegalStateException.class).hasMessage(message);
        }
    }

    /** Linear layers as wide as {@code widthFactor} times what they should give. */
    private record Adapter(int inputFactor, int headFactor) implements ModalityAdapter {
        @Override
        public String name() {
            return "wrong-shapes";
        }

        @Override
        public String description() {
            return "gives the wrong widths";
        }

        @Override
        public boolean supports(InputSpec input) {
            return !input.isTokenIds();
        }

        @Override
        public Block inputLayer(InputSpec input, int hiddenSize) {
            return Linear.builder().setUnits((long) hiddenSize * inputFactor).build();
        }

        @Override
        public Block outputHead(int hiddenSize, OutputSpec output) {
            return Linear.builder().setUnits((long) output.labelsPerToken() * output.numClasses() * headFactor).build();
        }
    }
}
