package org.fpt.tasks;

import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/**
 * CIFAR-10 as in the Long Range Arena's image task: grayscale, one pixel per token, 1024 tokens. Each token
 * is one normalised value (value dim 1, through the linear adapter, as the official FPT code feeds it)
 * rather than one of 256 ids: the intensity's order is kept, and the adapter stays the same as for the
 * other image tasks. LRA trains without augmentation, so it is off by default here ({@code augment=true}
 * turns on the official FPT code's crop/flip/rotation). Reads the same files as {@code cifar10}: the binary
 * batches' RGB, or the folders' images (any channels), become luma by {@link ImageSet#luma}.
 * Properties: {@code augment} (false), {@code crop-padding}, {@code flip}, {@code rotation} (as cifar10),
 * {@code mean} (0.5), {@code std} (0.5), {@code validation-size} (5000).
 */
public final class Cifar10LraTask implements TaskFactory {
    @Override
    public String name() {
        return "cifar10-lra";
    }

    @Override
    public String description() {
        return "CIFAR-10 grayscale, one pixel per token (1024 tokens of 1 value), as in the Long Range Arena";
    }

    @Override
    public void checkProperties(TaskOptions options) {
        encoding(options);
    }

    @Override
    public Task create(TaskOptions options) {
        ImageEncoding encoding = encoding(options);
        return ImageTask.of(Cifar10Task.read(options, encoding.props(), name(), 1), encoding.encoder(), encoding.augmentation(),
                CifarReader.CLASSES);
    }

    private ImageEncoding encoding(TaskOptions options) {
        TaskProperties props = new TaskProperties(name(), options, "augment", "crop-padding", "flip", "rotation",
                "mean", "std", "validation-size");
        ImageEncoder encoder = new ImageEncoder(1, CifarReader.SIDE, 1,
                props.numbers("mean", new float[] {0.5f}, 1), props.positiveNumbers("std", new float[] {0.5f}, 1));
        return new ImageEncoding(props, encoder, Augmentation.fromProperties(props, false, CifarReader.SIDE));
    }
}
