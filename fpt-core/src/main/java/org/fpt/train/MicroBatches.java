package org.fpt.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fpt.spi.Batch;

/** A step's batch cut into consecutive pieces of at most {@code size} examples, for {@link TrainingConfig#microBatchSize()}. */
final class MicroBatches {
    private MicroBatches() {
    }

    static List<Batch> split(Batch batch, int size) {
        if (size >= batch.size()) {
            return List.of(batch);
        }
        List<Batch> pieces = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += size) {
            pieces.add(slice(batch, from, Math.min(batch.size(), from + size)));
        }
        return pieces;
    }

    /** Examples {@code [from, to)}, padded to the whole batch's tokens as they were. */
    static Batch slice(Batch batch, int from, int to) {
        int n = to - from;
        int labelsPerExample = batch.labels().length / batch.size();
        int[] labels = Arrays.copyOfRange(batch.labels(), from * labelsPerExample, to * labelsPerExample);
        int[] lengths = batch.lengths() == null ? null : Arrays.copyOfRange(batch.lengths(), from, to);
        if (batch.values() != null) {
            int perExample = batch.values().length / batch.size();
            float[] values = Arrays.copyOfRange(batch.values(), from * perExample, to * perExample);
            return new Batch(n, batch.tokens(), values, null, lengths, labels);
        }
        int[] ids = Arrays.copyOfRange(batch.ids(), from * batch.tokens(), to * batch.tokens());
        return new Batch(n, batch.tokens(), null, ids, lengths, labels);
    }
}
