package org.fpt.tasks;

/**
 * Labelled 8-bit images in memory: {@code pixels} holds each image channel-major ({@code [C][H][W]}), one
 * image after another. {@code source} names the file(s) for messages.
 */
record ImageSet(String source, int count, int channels, int height, int width, byte[] pixels, int[] labels) {
    ImageSet {
        if ((long) count * channels * height * width != pixels.length || labels.length != count) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " pixel bytes and " + labels.length
                    + " labels do not make " + count + " images of " + channels + "x" + height + "x" + width);
        }
    }

    int imageBytes() {
        return channels * height * width;
    }

    /** The 8-bit value at channel {@code c}, row {@code y}, column {@code x} of image {@code i}, as 0..255. */
    int pixel(int i, int c, int y, int x) {
        return pixels[i * imageBytes() + (c * height + y) * width + x] & 0xff;
    }

    /** Images {@code [from, to)} as a set of their own (e.g. a validation split carved from train). */
    ImageSet slice(int from, int to, String name) {
        byte[] part = java.util.Arrays.copyOfRange(pixels, from * imageBytes(), to * imageBytes());
        return new ImageSet(name, to - from, channels, height, width, part, java.util.Arrays.copyOfRange(labels, from, to));
    }

    /** One set after the other (CIFAR-10's five training batches). */
    static ImageSet concat(String source, java.util.List<ImageSet> sets) {
        ImageSet first = sets.get(0);
        long total = sets.stream().mapToLong(set -> (long) set.pixels.length).sum();
        if (total > DataFiles.MAX_ARRAY) {
            throw new IllegalArgumentException(source + ": " + total + " pixel bytes together, more than one array holds");
        }
        int count = sets.stream().mapToInt(ImageSet::count).sum();
        byte[] pixels = new byte[count * first.imageBytes()];
        int[] labels = new int[count];
        int at = 0;
        for (ImageSet set : sets) {
            System.arraycopy(set.pixels, 0, pixels, at * first.imageBytes(), set.pixels.length);
            System.arraycopy(set.labels, 0, labels, at, set.count);
            at += set.count;
        }
        return new ImageSet(source, count, first.channels, first.height, first.width, pixels, labels);
    }

    /**
     * Luma of an RGB set as one 8-bit channel, with the weights of torchvision's and TensorFlow's
     * {@code rgb_to_grayscale} (0.2989 R + 0.587 G + 0.114 B), rounded to the nearest level.
     */
    ImageSet grayscale() {
        if (channels != 3) {
            throw new IllegalArgumentException(source + ": grayscale needs 3 channels, the images have " + channels);
        }
        int plane = height * width;
        byte[] gray = new byte[count * plane];
        for (int i = 0; i < count; i++) {
            int base = i * imageBytes();
            for (int p = 0; p < plane; p++) {
                gray[i * plane + p] = (byte) luma(pixels[base + p] & 0xff, pixels[base + plane + p] & 0xff, pixels[base + 2 * plane + p] & 0xff);
            }
        }
        return new ImageSet(source, count, 1, height, width, gray, labels);
    }

    /** The 8-bit luma of one RGB pixel (see {@link #grayscale()}); the image-folder reader uses the same rule. */
    static int luma(int r, int g, int b) {
        return (int) Math.min(255, Math.round(0.2989 * r + 0.587 * g + 0.114 * b));
    }
}
