package org.fpt.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/**
 * CIFAR-10 from the binary version in {@code --data-dir} (or its {@code cifar-10-batches-bin/}):
 * {@code data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin}. 4x4 patches: 64 tokens of 48
 * values. Training images get the official code's augmentation; every split is normalised with its
 * per-channel mean and std. The validation split is the last {@code validation-size} training images.
 * Properties: {@code patch} (4), {@code augment} (true), {@code crop-padding} (4), {@code flip} (true),
 * {@code rotation} (20 degrees), {@code mean} (0.4914,0.4822,0.4465), {@code std} (0.2023,0.1994,0.2010),
 * {@code validation-size} (5000).
 */
public final class Cifar10Task implements TaskFactory {
    static final String HOW_TO_GET = "Get the binary version, cifar-10-binary.tar.gz, from "
            + "https://www.cs.toronto.edu/~kriz/cifar.html and unpack it into the data directory.";
    static final String SUBDIR = "cifar-10-batches-bin";

    @Override
    public String name() {
        return "cifar10";
    }

    @Override
    public String description() {
        return "CIFAR-10 from the binary batches, 4x4 patches (64 tokens of 48 values), crop/flip/rotate augmentation";
    }

    @Override
    public Task create(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "patch", "augment", "crop-padding", "flip", "rotation",
                "mean", "std", "validation-size");
        Splits splits = read(options, name());
        ImageEncoder encoder = new ImageEncoder(3, CifarReader.SIDE, props.integer("patch", 4, 1),
                props.numbers("mean", new float[] {0.4914f, 0.4822f, 0.4465f}, 3),
                props.numbers("std", new float[] {0.2023f, 0.1994f, 0.2010f}, 3));
        return ImageTask.of(name(), splits.train(), props.integer("validation-size", 5000, 0), splits.test(), encoder,
                augmentation(props, true), CifarReader.CLASSES);
    }

    /** The official code's augmentation, each part adjustable; {@code augment=false} turns it all off. */
    static Augmentation augmentation(TaskProperties props, boolean byDefault) {
        if (!props.bool("augment", byDefault)) {
            return Augmentation.NONE;
        }
        return new Augmentation(props.integer("crop-padding", 4, 0), props.bool("flip", true), props.number("rotation", 20f));
    }

    record Splits(ImageSet train, ImageSet test) {
    }

    /** The five training batches (in order) and the test batch. */
    static Splits read(TaskOptions options, String task) {
        Path dir = DataFiles.directory(options, task);
        List<ImageSet> batches = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            batches.add(CifarReader.read(DataFiles.find(dir, task, "data_batch_" + i + ".bin", HOW_TO_GET, SUBDIR)));
        }
        ImageSet test = CifarReader.read(DataFiles.find(dir, task, "test_batch.bin", HOW_TO_GET, SUBDIR));
        return new Splits(ImageSet.concat("data_batch_1..5.bin", batches), test);
    }
}
