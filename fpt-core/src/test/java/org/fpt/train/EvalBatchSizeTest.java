package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Random;
import org.fpt.adapters.EmbeddingAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.lstm.LstmBody;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --eval-batch-size} changes the evaluation's memory, not its figures: sequences of different lengths are padded
 * to the longest of whatever batch they land in, and the padding must not reach the prediction.
 */
class EvalBatchSizeTest {
    /** A transformer (padding masked in attention) and the LSTM (padding after the last valid token), each readout. */
    @ParameterizedTest
    @CsvSource({"gpt2, LAST", "gpt2, MEAN", "lstm, LAST", "lstm, MEAN"})
    void paddedSequencesEvaluateTheSameInBatchesOfAnySize(String body, Readout readout) {
        Evaluation whole = evaluateInBatchesOf(64, body, readout);
        Evaluation inThrees = evaluateInBatchesOf(3, body, readout);
        assertThat(inThrees.accuracy()).isEqualTo(whole.accuracy());
        assertThat(inThrees.loss()).isCloseTo(whole.loss(), within(1e-5f));
        assertThat(evaluateInBatchesOf(1, body, readout).loss()).isCloseTo(whole.loss(), within(1e-5f));
    }

    private static Evaluation evaluateInBatchesOf(int size, String body, Readout readout) {
        Engine.getEngine("MXNet");
        TrainingConfig config = TrainingConfig.defaults(3, 8, 7).withEvalBatchSize(size);
        Body model = body.equals("lstm") ? new LstmBody("lstm-16", 16) : new Gpt2Body(Gpt2Config.tiny(), "random init");
        try (FptTrainer trainer = new FptTrainer(new VaryingLengths(), model, new EmbeddingAdapter(), new FptPolicy(), readout, config,
                Device.cpu(), "MXNet")) {
            trainer.train(TrainingListener.NONE);
            return trainer.evaluate(Task.Split.TEST);
        }
    }

    /** Up to 12 token ids, each example as long as it is; a batch is padded (with id 0) to its longest example. */
    private static final class VaryingLengths implements Task {
        private static final int MAX = 12;
        private static final int VOCAB = 10;
        private final int[][] test = examples(40, new Random(3));

        @Override
        public InputSpec input() {
            return InputSpec.tokenIds(MAX, VOCAB);
        }

        @Override
        public OutputSpec output() {
            return OutputSpec.classifier(3);
        }

        @Override
        public Batch trainBatch(int batchSize, Random rng) {
            return padded(examples(batchSize, rng), 0, batchSize);
        }

        @Override
        public int size(Split split) {
            return split == Split.TEST ? test.length : 0;
        }

        @Override
        public Batch batch(Split split, int from, int to) {
            return padded(test, from, to);
        }

        /** Ids from 1 (0 is padding); the label is the first id mod 3. */
        private static int[][] examples(int n, Random rng) {
            int[][] examples = new int[n][];
            for (int i = 0; i < n; i++) {
                examples[i] = rng.ints(1 + rng.nextInt(MAX), 1, VOCAB).toArray();
            }
            return examples;
        }

        private static Batch padded(int[][] examples, int from, int to) {
            int longest = 0;
            for (int i = from; i < to; i++) {
                longest = Math.max(longest, examples[i].length);
            }
            int[] ids = new int[(to - from) * longest];
            int[] lengths = new int[to - from];
            int[] labels = new int[to - from];
            for (int i = from; i < to; i++) {
                System.arraycopy(examples[i], 0, ids, (i - from) * longest, examples[i].length);
                lengths[i - from] = examples[i].length;
                labels[i - from] = examples[i][0] % 3;
            }
            return Batch.ofIds(to - from, longest, ids, lengths, labels);
        }
    }
}
