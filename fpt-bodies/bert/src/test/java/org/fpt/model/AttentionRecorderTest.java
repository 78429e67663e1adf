package org.fpt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.fpt.bodies.bert.BertBody;
import org.fpt.bodies.bert.BertConfig;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.spi.Body;
import org.junit.jupiter.api.Test;

class AttentionRecorderTest {
    private static final int B = 2;
    private static final int T = 5;

    @Test
    void recordsEveryLayerOfGpt2AndBertAndDetachesOnClose() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertRecordsEveryLayer(manager, new Gpt2Body(Gpt2Config.tiny(), "random init"), 64, 2, 4, true);
            assertRecordsEveryLayer(manager, BertBody.random(BertConfig.tiny()), 128, 2, 2, false);
        }
    }

    @Test
    void aBlockWithoutAttentionIsAClearError() {
        assertThatThrownBy(() -> AttentionRecorder.attach(new Dense(3, 4))).hasMessageContaining("has no attention layers");
    }

    private static void assertRecordsEveryLayer(NDManager manager, Body body, int hidden, int layers, int heads, boolean causal) {
        body.block().initialize(manager, DataType.FLOAT32, new Shape(B, T, hidden), new Shape(B, T));
        NDArray x = manager.randomNormal(new Shape(B, T, hidden));
        NDArray mask = manager.ones(new Shape(B, T));
        List<AttentionRecorder.Layer> recorded;
        AttentionRecorder recorder = AttentionRecorder.attach(body.block());
        try (recorder) {
            body.block().forward(new ParameterStore(manager, false), new NDList(x, mask), false);
            recorded = recorder.layers();
        }
        assertThat(recorded).hasSize(layers);
        for (AttentionRecorder.Layer layer : recorded) {
            assertThat(layer.heads()).isEqualTo(heads);
            assertThat(layer.tokens()).isEqualTo(T);
            for (int q = 0; q < T; q++) {
                float row = 0;
                for (int k = 0; k < T; k++) {
                    row += layer.at(1, heads - 1, q, k);
                }
                assertThat(row).as("probabilities of query %d sum to 1", q).isCloseTo(1f, within(1e-5f));
                if (causal && q + 1 < T) {
                    assertThat(layer.at(1, 0, q, T - 1)).as("causal: no attention to the future").isZero();
                }
            }
        }
        // Detached: another forward records nothing more.
        body.block().forward(new ParameterStore(manager, false), new NDList(x, mask), false);
        assertThat(recorder.layers()).hasSize(layers);
    }
}
