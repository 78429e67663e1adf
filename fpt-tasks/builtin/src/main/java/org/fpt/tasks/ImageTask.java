package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.OutputSpec;

/** An image classification task: train (augmented when asked), an optional validation split, and test. */
final class ImageTask extends StoredTask {
    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;
    private final ImageEncoder encoder;
    private final Augmentation augmentation;

    private ImageTask(ImageSet train, ImageSet validation, ImageSet test, ImageEncoder encoder, Augmentation augmentation, int classes) {
        super(encoder.inputSpec(), OutputSpec.classifier(classes));
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.encoder = encoder;
        this.augmentation = augmentation;
    }

    /**
     * Carves the last {@code validationSize} training images off as the validation split (for choosing a
     * checkpoint; 0 for none), so that the test split is only ever used for the final figure.
     */
    static ImageTask of(String task, ImageSet fullTrain, int validationSize, ImageSet test, ImageEncoder encoder,
                        Augmentation augmentation, int classes) {
        int n = fullTrain.count();
        if (validationSize >= n) {
            throw new IllegalArgumentException("Task '" + task + "': validation-size " + validationSize + " leaves no training images of "
                    + n + " in " + fullTrain.source());
        }
        ImageSet train = validationSize == 0 ? fullTrain : fullTrain.slice(0, n - validationSize, fullTrain.source() + "[train part]");
        ImageSet validation = validationSize == 0 ? null : fullTrain.slice(n - validationSize, n, fullTrain.source() + "[validation part]");
        return new ImageTask(train, validation, test, encoder, augmentation, classes);
    }

    @Override
    public int size(Split split) {
        ImageSet set = set(split);
        return set == null ? 0 : set.count();
    }

    @Override
    Batch gather(Split split, int[] indices, Random augment) {
        return encoder.encode(set(split), indices, augmentation, split == Split.TRAIN ? augment : null);
    }

    private ImageSet set(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }
}
