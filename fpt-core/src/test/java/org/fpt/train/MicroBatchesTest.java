package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fpt.spi.Batch;
import org.junit.jupiter.api.Test;

class MicroBatchesTest {
    @Test
    void paddedIdsKeepTheirLengthsLabelsAndTheBatchsTokens() {
        // 3 examples of 2 tokens, two labels each (a per-token task)
        Batch batch = Batch.ofIds(3, 2, new int[] {1, 2, 3, 0, 5, 6}, new int[] {2, 1, 2}, new int[] {0, 1, 2, 3, 4, 5});
        List<Batch> pieces = MicroBatches.split(batch, 2);
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0).ids()).containsExactly(1, 2, 3, 0);
        assertThat(pieces.get(0).lengths()).containsExactly(2, 1);
        assertThat(pieces.get(0).labels()).containsExactly(0, 1, 2, 3);
        assertThat(pieces.get(1).size()).isEqualTo(1);
        assertThat(pieces.get(1).tokens()).isEqualTo(2);
        assertThat(pieces.get(1).ids()).containsExactly(5, 6);
        assertThat(pieces.get(1).lengths()).containsExactly(2);
        assertThat(pieces.get(1).labels()).containsExactly(4, 5);
    }

    @Test
    void valuesAreCutPerExample() {
        // 2 examples of 2 tokens x 3 values, one label each
        float[] values = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15};
        List<Batch> pieces = MicroBatches.split(Batch.ofValues(2, 2, values, new int[] {7, 9}), 1);
        assertThat(pieces.get(1).values()).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(pieces.get(1).labels()).containsExactly(9);
        assertThat(pieces.get(1).lengths()).isNull();
    }

    @Test
    void aPieceAsLargeAsTheBatchIsTheBatchItself() {
        Batch batch = Batch.ofValues(2, 1, new float[] {1, 2}, new int[] {0, 1});
        assertThat(MicroBatches.split(batch, 2)).containsExactly(batch);
        assertThat(MicroBatches.split(batch, 5)).containsExactly(batch);
    }

    @Test
    void theConfigRefusesPiecesLargerThanTheBatch() {
        TrainingConfig config = TrainingConfig.defaults(10, 16, 1);
        assertThat(config.withMicroBatchSize(16)).isSameAs(config);
        assertThat(config.withMicroBatchSize(4).evalBatchSize()).isEqualTo(4);
        assertThatThrownBy(() -> config.withMicroBatchSize(17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("micro-batch size must be between 1 and the batch size 16, got 17");
    }
}
