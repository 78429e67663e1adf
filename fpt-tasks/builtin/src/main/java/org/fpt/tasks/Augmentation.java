package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.TaskProperties;

/**
 * The official FPT code's training augmentation for CIFAR-10, on the {@code [0, 1]} image before
 * normalisation: a random crop after zero-padding by {@code cropPadding} pixels, a horizontal flip with
 * probability 1/2, and a rotation by a uniform angle in {@code [-rotationDegrees, rotationDegrees]}
 * (nearest neighbour, zero fill, as torchvision's {@code RandomRotation} does by default).
 */
record Augmentation(int cropPadding, boolean flip, float rotationDegrees) {
    static final Augmentation NONE = new Augmentation(0, false, 0);

    /**
     * From a task's properties: {@code augment} (on or off as a whole; {@code byDefault} when absent),
     * {@code crop-padding} (4, or less on a smaller canvas: below its side), {@code flip} (true), {@code rotation} (20 degrees, 0-180).
     */
    static Augmentation fromProperties(TaskProperties props, boolean byDefault, int side) {
        // every part is checked even when augmentation is off, so a bad value is never silently ignored
        Augmentation parts = new Augmentation(props.integer("crop-padding", Math.min(4, side - 1), 0, side - 1), props.bool("flip", true),
                props.number("rotation", 20f, 0f, 180f));
        return props.bool("augment", byDefault) ? parts : NONE;
    }

    boolean active() {
        return cropPadding > 0 || flip || rotationDegrees > 0;
    }

    /** A new, augmented copy of {@code image} ({@code [C][side][side]}). */
    float[] apply(float[] image, int channels, int side, Random rng) {
        float[] out = image;
        if (cropPadding > 0) {
            int dy = rng.nextInt(2 * cropPadding + 1) - cropPadding;
            int dx = rng.nextInt(2 * cropPadding + 1) - cropPadding;
            out = resample(out, channels, side, (y, x) -> new int[] {y + dy, x + dx});
        }
        if (flip && rng.nextBoolean()) {
            out = resample(out, channels, side, (y, x) -> new int[] {y, side - 1 - x});
        }
        if (rotationDegrees > 0) {
            double angle = Math.toRadians((rng.nextDouble() * 2 - 1) * rotationDegrees);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double center = (side - 1) / 2.0;
            out = resample(out, channels, side, (y, x) -> {
                double u = x - center;
                double v = y - center;
                return new int[] {(int) Math.round(center - sin * u + cos * v), (int) Math.round(center + cos * u + sin * v)};
            });
        }
        return out;
    }

    /** Output pixel (y, x) takes the input pixel {@code source(y, x)}, or 0 when that lies outside the image. */
    private static float[] resample(float[] image, int channels, int side, SourcePixel source) {
        float[] out = new float[image.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int[] from = source.of(y, x);
                if (from[0] < 0 || from[0] >= side || from[1] < 0 || from[1] >= side) {
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    out[(c * side + y) * side + x] = image[(c * side + from[0]) * side + from[1]];
                }
            }
        }
        return out;
    }

    private interface SourcePixel {
        int[] of(int y, int x);
    }
}
