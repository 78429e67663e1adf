package org.fpt.tasks;

/** An image task's three splits; {@code validation} is {@code null} when the task holds none out. */
record ImageSplits(ImageSet train, ImageSet validation, ImageSet test) {
    /**
     * Carves the last {@code validationSize} training images off as the validation split (for choosing a
     * checkpoint; 0 for none), so that the test split is only ever used for the final figure.
     */
    static ImageSplits holdOut(String task, ImageSet fullTrain, int validationSize, ImageSet test) {
        int n = fullTrain.count();
        checkHoldOut(task, n, validationSize, fullTrain.source());
        if (validationSize == 0) {
            return new ImageSplits(fullTrain, null, test);
        }
        return new ImageSplits(fullTrain.slice(0, n - validationSize, fullTrain.source() + "[train part]"),
                fullTrain.slice(n - validationSize, n, fullTrain.source() + "[validation part]"), test);
    }

    /** Refuses a {@code validation-size} that leaves no training images (before any image is decoded). */
    static void checkHoldOut(String task, int trainCount, int validationSize, String source) {
        if (validationSize >= trainCount) {
            throw new IllegalArgumentException("Task '" + task + "': validation-size " + validationSize + " leaves no training images of "
                    + trainCount + " in " + source);
        }
    }

    /** The splits as one luma channel (CIFAR-10 LRA from RGB files). */
    ImageSplits grayscale() {
        return new ImageSplits(train.grayscale(), validation == null ? null : validation.grayscale(), test.grayscale());
    }
}
