package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;

/**
 * A classification task over id sequences (ListOps symbols, amino acids). A batch is right-padded with id
 * 0 to its longest sequence (not to the maximum length: a batch of short sequences costs less), and
 * carries each sequence's length, from which the host builds the attention mask and the readout, so
 * padding never reaches the classifier.
 */
final class SequenceTask extends StoredTask {
    private final SequenceSet train;
    private final SequenceSet validation;
    private final SequenceSet test;

    SequenceTask(int maxLength, int vocabSize, int classes, SequenceSet train, SequenceSet validation, SequenceSet test) {
        super(InputSpec.tokenIds(maxLength, vocabSize), OutputSpec.classifier(classes));
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    @Override
    public int size(Split split) {
        SequenceSet set = set(split);
        return set == null ? 0 : set.count();
    }

    @Override
    Batch gather(Split split, int[] indices, Random augment) {
        SequenceSet set = set(split);
        int longest = 1;
        for (int i : indices) {
            longest = Math.max(longest, set.sequences()[i].length);
        }
        int[] ids = new int[indices.length * longest];
        int[] lengths = new int[indices.length];
        int[] labels = new int[indices.length];
        for (int n = 0; n < indices.length; n++) {
            byte[] sequence = set.sequences()[indices[n]];
            for (int t = 0; t < sequence.length; t++) {
                ids[n * longest + t] = sequence[t];
            }
            lengths[n] = sequence.length;
            labels[n] = set.labels()[indices[n]];
        }
        return Batch.ofIds(indices.length, longest, ids, lengths, labels);
    }

    private SequenceSet set(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }
}
