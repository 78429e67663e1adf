package org.fpt.examples.parity;

import java.util.Arrays;
import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/**
 * Sequence parity, a modality the built-in tasks do not have: a bit string of random length (1 to
 * {@code max-length} bits, each a token id: 1 for a 0 bit, 2 for a 1 bit, 0 is padding); predict whether
 * it holds an odd number of ones. Batches are right-padded and carry their lengths, so the host masks the
 * padding and reads the last real token.
 * Properties: {@code max-length} (16), {@code test-size} (512).
 */
public final class ParityTask implements TaskFactory {
    @Override
    public String name() {
        return "parity";
    }

    @Override
    public String description() {
        return "parity of a variable-length bit string (example plugin)";
    }

    /** The properties, read and checked in one place: {@link #checkProperties} (a grid's check before any run) and {@link #create}. */
    private record Settings(int maxLength, int testSize) {
    }

    private Settings settings(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "max-length", "test-size"); // refuses unknown keys
        return new Settings(props.integer("max-length", 16, 1), props.integer("test-size", 512, 1));
    }

    @Override
    public void checkProperties(TaskOptions options) {
        settings(options);
    }

    @Override
    public Task create(TaskOptions options) {
        Settings settings = settings(options);
        return new Parity(settings.maxLength(), draw(settings.testSize(), settings.maxLength(), new Random(options.seed())));
    }

    static Batch draw(int count, int maxLength, Random rng) {
        int[] ids = new int[count * maxLength];
        int[] lengths = new int[count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = 1 + rng.nextInt(maxLength);
            for (int t = 0; t < lengths[i]; t++) {
                int bit = rng.nextInt(2);
                ids[i * maxLength + t] = bit + 1;
                labels[i] ^= bit;
            }
        }
        return Batch.ofIds(count, maxLength, ids, lengths, labels);
    }

    private record Parity(int maxLength, Batch test) implements Task {
        @Override
        public InputSpec input() {
            return InputSpec.tokenIds(maxLength, 3);
        }

        @Override
        public OutputSpec output() {
            return OutputSpec.classifier(2);
        }

        @Override
        public Batch trainBatch(int batchSize, Random rng) {
            return draw(batchSize, maxLength, rng);
        }

        @Override
        public int size(Split split) {
            return split == Split.TEST ? test.size() : 0;
        }

        @Override
        public Batch batch(Split split, int from, int to) {
            if (split != Split.TEST) {
                throw new IllegalArgumentException("parity has only a test split");
            }
            return Batch.ofIds(to - from, maxLength, Arrays.copyOfRange(test.ids(), from * maxLength, to * maxLength),
                    Arrays.copyOfRange(test.lengths(), from, to), Arrays.copyOfRange(test.labels(), from, to));
        }
    }
}
