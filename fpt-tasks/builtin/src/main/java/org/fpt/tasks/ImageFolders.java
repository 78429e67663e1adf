package org.fpt.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.fpt.spi.TaskProperties;

/**
 * A data directory in the image-folder layout: {@code train/<class>/<image>} and {@code test/<class>/<image>}
 * (PNG or JPEG; see {@link LabelledFiles} for the class order and {@link ImageFileDecoder} for channels),
 * and optionally a {@code val/} or {@code validation/} folder with the same classes. A directory is in
 * this layout when it holds both a {@code train} and a {@code test} directory; the image tasks then read
 * it instead of their binary format. Without a validation folder, the validation split is the last
 * {@code validation-size} training images in {@link HoldOutOrder} (spread over the classes).
 */
record ImageFolders(Path train, Path validation, Path test) {
    /** What a task asks of the folders: channels, size, class count (0 for any number from 2), default validation size. */
    record Request(int channels, ImageShape shape, int classes, IntUnaryOperator defaultValidation) {
    }

    /** The splits and the class names (label {@code k} is {@code classes.get(k)}). */
    record Images(ImageSplits splits, List<String> classes) {
    }

    /** The layout of {@code dir}, or empty when it does not hold both {@code train/} and {@code test/}. */
    static Optional<ImageFolders> detect(Path dir) {
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
            return Optional.empty();
        }
        List<Path> validation = Stream.of("val", "validation").map(dir::resolve).filter(Files::isDirectory).toList();
        if (validation.size() > 1) {
            throw new IllegalArgumentException(dir + " holds both val/ and validation/: keep one validation folder");
        }
        return Optional.of(new ImageFolders(train, validation.isEmpty() ? null : validation.get(0), test));
    }

    /** The folder layout, for the error when a directory holds neither a task's files nor these folders. */
    static String expected(Path dir) {
        String found = Files.isDirectory(dir.resolve("train")) ? " (" + dir + " has train/ but no test/)"
                : Files.isDirectory(dir.resolve("test")) ? " (" + dir + " has test/ but no train/)" : "";
        return "Or image folders: " + dir.resolve("train") + "/<class>/<image>.png|.jpg and " + dir.resolve("test") + "/<class>/..." + found;
    }

    Images read(String task, TaskProperties props, Request request) {
        LabelledFiles trainFiles = LabelledFiles.list(train);
        requireClassCount(task, trainFiles, request.classes());
        LabelledFiles testFiles = LabelledFiles.list(test);
        testFiles.requireClassesOf(trainFiles, task);
        LabelledFiles validationFiles = null;
        int holdOut = 0;
        if (validation != null) {
            if (props.has("validation-size")) {
                throw new IllegalArgumentException("Task '" + task + "': validation-size holds images out of " + train + ", but "
                        + validation + " is the validation split already; drop one of them");
            }
            validationFiles = LabelledFiles.list(validation);
            validationFiles.requireClassesOf(trainFiles, task);
        } else {
            holdOut = props.integer("validation-size", request.defaultValidation().applyAsInt(trainFiles.count()), 0);
            ImageSplits.checkHoldOut(task, trainFiles.count(), holdOut, train.toString());
        }
        ImageShape shape = request.shape() == ImageShape.ANY ? sizeOf(trainFiles.files().get(0), request.channels()) : request.shape();
        if (validationFiles == null) {
            // decoded as two sets, so the held-out images are never copied out of a full training set
            LabelledFiles ordered = trainFiles.reorder(HoldOutOrder.of(trainFiles.labels(), trainFiles.classes().size()));
            trainFiles = ordered.range(0, ordered.count() - holdOut);
            validationFiles = holdOut == 0 ? null : ordered.range(ordered.count() - holdOut, ordered.count());
        }
        String part = validation == null && holdOut > 0 ? " [train part]" : "";
        ImageSet trainSet = ImageFolderReader.read(trainFiles, train + part, request.channels(), shape);
        ImageSet validationSet = validationFiles == null ? null : ImageFolderReader.read(validationFiles,
                validation == null ? train + " [validation part]" : validation.toString(), request.channels(), shape);
        ImageSet testSet = ImageFolderReader.read(testFiles, test.toString(), request.channels(), shape);
        return new Images(new ImageSplits(trainSet, validationSet, testSet), trainFiles.classes());
    }

    /** The size every image must have when the task takes any: that of the first training image. */
    private static ImageShape sizeOf(Path first, int channels) {
        try (ImageFileDecoder decoder = new ImageFileDecoder(channels)) {
            ImageFileDecoder.Pixels pixels = decoder.decode(first, ImageShape.ANY);
            return ImageShape.exactly(pixels.width(), pixels.height(), "the images must all have the size of " + first + " ("
                    + pixels.width() + "x" + pixels.height() + "); -P resize=N scales every image to NxN");
        }
    }

    private static void requireClassCount(String task, LabelledFiles files, int classes) {
        int found = files.classes().size();
        if (classes > 0 && found != classes) {
            throw new IllegalArgumentException("Task '" + task + "': " + files.dir() + " has " + found + " class folder(s) " + files.classes()
                    + ", but the task has " + classes + " classes (the task image-folder takes any number)");
        }
        if (found < 2) {
            throw new IllegalArgumentException("Task '" + task + "': " + files.dir() + " has " + found + " class folder " + files.classes()
                    + "; a classifier needs at least 2");
        }
    }
}
