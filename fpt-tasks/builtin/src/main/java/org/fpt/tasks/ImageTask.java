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

    static ImageTask of(ImageSplits splits, ImageEncoder encoder, Augmentation augmentation, int classes) {
        return new ImageTask(splits.train(), splits.validation(), splits.test(), encoder, augmentation, classes);
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
