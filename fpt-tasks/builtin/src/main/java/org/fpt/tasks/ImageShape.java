package org.fpt.tasks;

import java.nio.file.Path;

/**
 * The size an image task needs: exactly {@code width x height} (any other size is refused, naming the
 * file and {@code why}), or any size scaled to {@code width x height} ({@link BoxResize}).
 */
record ImageShape(int width, int height, boolean resize, String why) {
    /** Larger images are refused before decoding (a 10-byte PNG header can declare gigapixels). */
    static final long MAX_PIXELS = 1L << 26;
    /** Any size (to learn the size of the first image, which the others must then have). */
    static final ImageShape ANY = new ImageShape(0, 0, false, "");

    static ImageShape exactly(int width, int height, String why) {
        return new ImageShape(width, height, false, why);
    }

    static ImageShape resizedTo(int side) {
        return new ImageShape(side, side, true, "");
    }

    /** Called with the size an image's header declares, before its pixels are decoded. */
    void check(Path file, int imageWidth, int imageHeight) {
        if ((long) imageWidth * imageHeight > MAX_PIXELS) {
            throw new DataFileException(file, "is " + imageWidth + "x" + imageHeight + " pixels, above the " + MAX_PIXELS
                    + " pixels this reader decodes");
        }
        if (!resize && width > 0 && (imageWidth != width || imageHeight != height)) {
            throw new DataFileException(file, "is " + imageWidth + "x" + imageHeight + " pixels (width x height), but " + why);
        }
    }
}
