package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.fpt.adapters.EmbeddingAdapter;
import org.fpt.adapters.LinearAdapter;
import org.fpt.bodies.gpt2.Gpt2Body;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.model.Readout;
import org.fpt.policies.FptPolicy;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.junit.jupiter.api.Test;

/**
 * A task that breaks its own contract (labels outside its classes, a wrong values length, a tokens count
 * that is not its input's, ids outside its vocabulary, bad lengths) is stopped before the step that would
 * use the batch, with one line naming the task and the field — in training and in evaluation alike.
 */
class TaskContractTest {
    @Test
    void aLabelEqualToNumClassesIsRefused() {
        assertTrainingFails(values(b -> withLabel(b, 3, 2)), "Task 'BrokenTask'", "label 2", "[0, 2)");
        assertTrainingFails(values(b -> withLabel(b, 0, -1)), "Task 'BrokenTask'", "label -1", "[0, 2)");
    }

    @Test
    void aWrongValuesLengthNamesTheFieldNotDjl() {
        BrokenTask task = values(b -> Batch.ofValues(b.size(), b.tokens(), Arrays.copyOf(b.values(), b.values().length - 5), b.labels()));
        assertTrainingFails(task, "Task 'BrokenTask'", "values", "8 x 2 x 5 = 80");
    }

    @Test
    void tokensOtherThanTheInputsAreRefusedForUnpaddedBatches() {
        BrokenTask task = values(b -> Batch.ofValues(b.size(), 3, Arrays.copyOf(b.values(), b.size() * 3 * ToyTask.BITS), b.labels()));
        assertTrainingFails(task, "Task 'BrokenTask'", "tokens 3", "input().tokens() 2");
    }

    @Test
    void theLabelCountIsCheckedNamingTheTask() {
        BrokenTask task = values(b -> Batch.ofValues(b.size(), b.tokens(), b.values(), Arrays.copyOf(b.labels(), b.labels().length - 1)));
        assertTrainingFails(task, "Task 'BrokenTask'", "39 labels", "8 x 5 = 40");
    }

    @Test
    void evaluationBatchesAreCheckedToo() {
        BrokenTask task = new BrokenTask(ToyTask.INSTANCE, UnaryOperator.identity(), b -> withLabel(b, 1, 7));
        try (FptTrainer trainer = trainer(task, new LinearAdapter())) {
            assertThatThrownBy(() -> trainer.evaluate(Task.Split.TEST)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Task 'BrokenTask', test examples 0-").hasMessageContaining("label 7");
        }
    }

    @Test
    void idsMustBeInTheVocabularyAndLengthsInRange() {
        assertTrainingFails(ids(b -> withId(b, 4)), "Task 'BrokenTask'", "id 4", "vocabulary 4");
        assertTrainingFails(ids(b -> withId(b, -1)), "Task 'BrokenTask'", "id -1");
        assertTrainingFails(ids(b -> Batch.ofIds(b.size(), b.tokens(), b.ids(), lengths(b, 0), b.labels())), "Task 'BrokenTask'", "length 0");
        assertTrainingFails(ids(b -> Batch.ofIds(b.size(), b.tokens(), b.ids(), lengths(b, b.tokens() + 1), b.labels())),
                "Task 'BrokenTask'", "length 7");
        assertTrainingFails(ids(b -> IdsToy.draw(b.size(), IdsToy.TOKENS + 1, new Random(1))), "Task 'BrokenTask'", "tokens 7",
                "input().tokens() 6");
    }

    @Test
    void theHostNamesTheTaskAsUsersTypeIt() {
        Engine.getEngine("MXNet");
        try (FptTrainer trainer = new FptTrainer("bit-xor", values(b -> withLabel(b, 0, 2)), new Gpt2Body(Gpt2Config.tiny(), "random init"),
                new LinearAdapter(), new FptPolicy(), Readout.LAST, TrainingConfig.defaults(1, 8, 7), Device.cpu(), "MXNet")) {
            assertThatThrownBy(() -> trainer.train(TrainingListener.NONE))
                    .hasMessage("Task 'bit-xor', training batch of step 1: label 2 (example 0, position 0) is outside [0, 2) (numClasses 2)");
        }
    }

    @Test
    void paddedIdBatchesMayBeShorterThanTheInput() {
        BrokenTask task = ids(b -> IdsToy.draw(b.size(), IdsToy.TOKENS - 2, new Random(1)));
        try (FptTrainer trainer = trainer(task, new EmbeddingAdapter())) {
            assertThatCode(() -> trainer.train(TrainingListener.NONE)).doesNotThrowAnyException();
        }
    }

    private static void assertTrainingFails(BrokenTask task, String... fragments) {
        ModalityAdapter adapter = task.input().isTokenIds() ? new EmbeddingAdapter() : new LinearAdapter();
        try (FptTrainer trainer = trainer(task, adapter)) {
            var thrown = assertThatThrownBy(() -> trainer.train(TrainingListener.NONE)).isInstanceOf(IllegalArgumentException.class);
            for (String fragment : fragments) {
                thrown.hasMessageContaining(fragment);
            }
            thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private static FptTrainer trainer(Task task, ModalityAdapter adapter) {
        Engine.getEngine("MXNet");
        return new FptTrainer(task, new Gpt2Body(Gpt2Config.tiny(), "random init"), adapter, new FptPolicy(),
                Readout.LAST, TrainingConfig.defaults(1, 8, 7), Device.cpu(), "MXNet");
    }

    private static BrokenTask values(UnaryOperator<Batch> edit) {
        return new BrokenTask(ToyTask.INSTANCE, edit, UnaryOperator.identity());
    }

    private static BrokenTask ids(UnaryOperator<Batch> edit) {
        return new BrokenTask(new IdsToy(), edit, UnaryOperator.identity());
    }

    private static Batch withLabel(Batch b, int index, int label) {
        int[] labels = b.labels().clone();
        labels[index] = label;
        return new Batch(b.size(), b.tokens(), b.values(), b.ids(), b.lengths(), labels);
    }

    private static Batch withId(Batch b, int id) {
        int[] ids = b.ids().clone();
        ids[1] = id;
        return Batch.ofIds(b.size(), b.tokens(), ids, b.lengths(), b.labels());
    }

    private static int[] lengths(Batch b, int first) {
        int[] lengths = b.lengths().clone();
        lengths[0] = first;
        return lengths;
    }

    /** A working task whose training (and held-out) batches pass through an edit that breaks them. */
    record BrokenTask(Task base, UnaryOperator<Batch> train, UnaryOperator<Batch> heldOut) implements Task {
        @Override
        public InputSpec input() {
            return base.input();
        }

        @Override
        public OutputSpec output() {
            return base.output();
        }

        @Override
        public Batch trainBatch(int batchSize, Random rng) {
            return train.apply(base.trainBatch(batchSize, rng));
        }

        @Override
        public int size(Split split) {
            return base.size(split);
        }

        @Override
        public Batch batch(Split split, int from, int to) {
            return heldOut.apply(base.batch(split, from, to));
        }
    }

    /** Right-padded id sequences (vocabulary 4, id 0 pads) of up to 6 tokens; the label is the first id's parity. */
    record IdsToy() implements Task {
        static final int TOKENS = 6;

        @Override
        public InputSpec input() {
            return InputSpec.tokenIds(TOKENS, 4);
        }

        @Override
        public OutputSpec output() {
            return OutputSpec.classifier(2);
        }

        @Override
        public Batch trainBatch(int batchSize, Random rng) {
            return draw(batchSize, TOKENS, rng);
        }

        @Override
        public int size(Split split) {
            return split == Split.TEST ? 16 : 0;
        }

        @Override
        public Batch batch(Split split, int from, int to) {
            return draw(to - from, TOKENS, new Random(from));
        }

        static Batch draw(int size, int tokens, Random rng) {
            int[] ids = new int[size * tokens];
            int[] lengths = new int[size];
            int[] labels = new int[size];
            for (int i = 0; i < size; i++) {
                lengths[i] = 1 + rng.nextInt(tokens);
                for (int t = 0; t < lengths[i]; t++) {
                    ids[i * tokens + t] = 1 + rng.nextInt(3);
                }
                labels[i] = ids[i * tokens] % 2;
            }
            return Batch.ofIds(size, tokens, ids, lengths, labels);
        }
    }
}
