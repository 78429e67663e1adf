package org.fpt.tasks;

import java.nio.file.Path;
import java.util.Arrays;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;
import org.fpt.spi.TaskPropertyException;

/**
 * Your own images: {@code --data-dir} holds {@code train/<class>/} and {@code test/<class>/} folders of PNG
 * or JPEG files (and optionally {@code val/}), any number of classes from 2, labels in the sorted order of
 * the class folder names ({@link ImageFolders}, {@link LabelledFiles}). Images are decoded to {@code channels}
 * channels ({@link ImageFileDecoder}); they must all have one size, unless {@code resize=N} scales each to
 * NxN ({@link BoxResize}). Each image is centred on a {@code pad-to} square zero canvas and cut into
 * {@code patch x patch} patches, one token each, as the other image tasks do.
 * Properties: {@code channels} (3; 1 for grayscale), {@code resize} (none), {@code patch} (4),
 * {@code pad-to} (the image's larger side, rounded up to a multiple of {@code patch}), {@code mean} (0.5),
 * {@code std} (0.5) per channel, {@code augment} (false; {@code crop-padding}, {@code flip},
 * {@code rotation} as {@code cifar10}), {@code validation-size} (a tenth of the training images).
 */
public final class ImageFolderTask implements TaskFactory {
    @Override
    public String name() {
        return "image-folder";
    }

    @Override
    public String description() {
        return "Your own PNG/JPEG images in train/<class>/ and test/<class>/ folders, any size and channels, patches as tokens";
    }

    @Override
    public void checkProperties(TaskOptions options) {
        settings(options);
    }

    @Override
    public Task create(TaskOptions options) {
        Settings settings = settings(options);
        TaskProperties props = settings.props();
        Path dir = DataFiles.directory(options, name());
        ImageFolders folders = ImageFolders.detect(dir).orElseThrow(() -> new IllegalArgumentException("Task 'image-folder': "
                + dir + " is not in the image-folder layout. " + ImageFolders.expected(dir).replace("Or image folders", "Expected")));
        ImageFolders.Images images = folders.read(name(), props, new ImageFolders.Request(settings.channels(), settings.shape(), 0, n -> n / 10));
        ImageSet train = images.splits().train();
        int size = Math.max(train.height(), train.width());
        int patch = settings.patch();
        int side = props.integer("pad-to", (size + patch - 1) / patch * patch, size, ImageEncoder.MAX_SIDE);
        ImageEncoder encoder = new ImageEncoder(settings.channels(), side, patch, settings.mean(), settings.std());
        return ImageTask.of(images.splits(), encoder, Augmentation.fromProperties(props, false, side), images.classes().size());
    }

    /** What the properties ask for before any image is read; the canvas ({@code pad-to}) waits for the images' size. */
    private record Settings(TaskProperties props, int channels, ImageShape shape, int patch, float[] mean, float[] std) {
    }

    /** The properties read, each checked as far as it can be without the images: nothing is read. */
    private Settings settings(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "channels", "resize", "patch", "pad-to", "mean", "std",
                "augment", "crop-padding", "flip", "rotation", "validation-size");
        int channels = props.integer("channels", 3, 1, 3);
        if (channels == 2) {
            throw new TaskPropertyException("Task 'image-folder': property 'channels' must be 1 (grayscale) or 3 (RGB), got 2");
        }
        ImageShape shape = props.has("resize") ? ImageShape.resizedTo(props.integer("resize", 0, 1, ImageEncoder.MAX_SIDE)) : ImageShape.ANY;
        int patch = props.integer("patch", 4, 1, ImageEncoder.MAX_SIDE);
        float[] mean = props.numbers("mean", filled(channels, 0.5f), channels);
        float[] std = props.positiveNumbers("std", filled(channels, 0.5f), channels);
        props.integer("pad-to", 1, 1, ImageEncoder.MAX_SIDE); // ranges whose bounds need no image
        props.integer("validation-size", 0, 0);
        Augmentation.fromProperties(props, false, ImageEncoder.MAX_SIDE);
        return new Settings(props, channels, shape, patch, mean, std);
    }

    private static float[] filled(int count, float value) {
        float[] values = new float[count];
        Arrays.fill(values, value);
        return values;
    }
}
