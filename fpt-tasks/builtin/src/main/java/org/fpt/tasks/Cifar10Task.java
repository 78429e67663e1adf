package org.fpt.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/**
 * CIFAR-10 from the binary version in {@code --data-dir} (or its {@code cifar-10-batches-bin/}):
 * {@code data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin}; or, when the directory holds
 * {@code train/} and {@code test/}, 32x32 PNG/JPEG images in 10 class folders ({@link ImageFolders}; other
 * sizes are refused, naming the file). CIFAR-10's class names sorted are its label order (airplane,
 * automobile, bird, cat, deer, dog, frog, horse, ship, truck), so a label means the same class in both.
 * 4x4 patches: 64 tokens of 48 values. Training images get the official code's augmentation; every split
 * is normalised with its per-channel mean and std. The validation split is the last {@code validation-size}
 * training images (for folders: in {@link HoldOutOrder}).
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
        return "CIFAR-10 from the binary batches or 32x32 image folders, 4x4 patches (64 tokens of 48 values), crop/flip/rotate augmentation";
    }

    @Override
    public void checkProperties(TaskOptions options) {
        encoding(options);
    }

    @Override
    public Task create(TaskOptions options) {
        ImageEncoding encoding = encoding(options);
        return ImageTask.of(read(options, encoding.props(), name(), 3), encoding.encoder(), encoding.augmentation(), CifarReader.CLASSES);
    }

    private ImageEncoding encoding(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "patch", "augment", "crop-padding", "flip", "rotation",
                "mean", "std", "validation-size");
        ImageEncoder encoder = new ImageEncoder(3, CifarReader.SIDE, props.integer("patch", 4, 1, CifarReader.SIDE),
                props.numbers("mean", new float[] {0.4914f, 0.4822f, 0.4465f}, 3),
                props.positiveNumbers("std", new float[] {0.2023f, 0.1994f, 0.2010f}, 3));
        return new ImageEncoding(props, encoder, Augmentation.fromProperties(props, true, CifarReader.SIDE));
    }

    /**
     * The splits with {@code channels} channels: 3 (RGB), or 1 (luma, for CIFAR-10 LRA). From the folders
     * when there are any, else the five training batches (in order) and the test batch.
     */
    static ImageSplits read(TaskOptions options, TaskProperties props, String task, int channels) {
        Path dir = DataFiles.directory(options, task);
        Optional<ImageFolders> folders = ImageFolders.detect(dir);
        if (folders.isPresent()) {
            return folders.get().read(task, props, new ImageFolders.Request(channels, ImageShape.exactly(CifarReader.SIDE, CifarReader.SIDE,
                    "the task " + task + " needs 32x32 images"), CifarReader.CLASSES, n -> 5000)).splits();
        }
        String howToGet = HOW_TO_GET + " " + ImageFolders.expected(dir);
        List<ImageSet> batches = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            batches.add(CifarReader.read(DataFiles.find(dir, task, "data_batch_" + i + ".bin", howToGet, SUBDIR)));
        }
        ImageSet test = CifarReader.read(DataFiles.find(dir, task, "test_batch.bin", howToGet, SUBDIR));
        ImageSplits splits = ImageSplits.holdOut(task, ImageSet.concat("data_batch_1..5.bin", batches),
                props.integer("validation-size", 5000, 0), test);
        return channels == 1 ? splits.grayscale() : splits;
    }
}
