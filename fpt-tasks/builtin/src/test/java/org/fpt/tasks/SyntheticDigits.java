package org.fpt.tasks;

import java.nio.file.Path;
import java.util.Random;

/**
 * Digit-like 28x28 images in MNIST's IDX files, drawn here so that CI needs no download: each digit is its
 * seven-segment figure, drawn with a random stroke width, size, position and slant, plus pixel noise. Real
 * format, real reader, a learnable task whose chance level is 10%.
 */
final class SyntheticDigits {
    /** Segments a..g of each digit: top, top-right, bottom-right, bottom, bottom-left, top-left, middle. */
    private static final String[] SEGMENTS = {"abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"};

    private SyntheticDigits() {
    }

    /** Writes MNIST's four files (train gzipped, test raw, as {@link TestFiles#mnist} does) into {@code dir}. */
    static Path write(Path dir, int train, int test, long seed) {
        Random random = new Random(seed);
        writeSplit(dir, "train", train, random, true);
        writeSplit(dir, "t10k", test, random, false);
        return dir;
    }

    private static void writeSplit(Path dir, String prefix, int count, Random random, boolean gzip) {
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int digit = random.nextInt(10);
            labels[i] = (byte) digit;
            draw(digit, random, pixels, i * 28 * 28);
        }
        byte[] images = TestFiles.idx(0x08, new int[] {count, 28, 28}, pixels);
        byte[] labelFile = TestFiles.idx(0x08, new int[] {count}, labels);
        String suffix = gzip ? ".gz" : "";
        TestFiles.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? TestFiles.gzip(images) : images);
        TestFiles.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip ? TestFiles.gzip(labelFile) : labelFile);
    }

    private static void draw(int digit, Random random, byte[] pixels, int offset) {
        int width = 13 + random.nextInt(2);           // 13..14 px wide
        int height = 19 + random.nextInt(2);          // 19..20 px tall
        int left = (28 - width) / 2 - 1 + random.nextInt(3); // centred, +-1 px
        int top = (28 - height) / 2 - 1 + random.nextInt(3);
        int stroke = 3;
        double slant = (random.nextDouble() - 0.5) * 0.2; // x shift per row, towards the top
        int middle = top + height / 2;
        int bottom = top + height;
        int right = left + width;
        for (char segment : SEGMENTS[digit].toCharArray()) {
            switch (segment) {
                case 'a' -> line(pixels, offset, left, top, right, top, stroke, slant, bottom);
                case 'b' -> line(pixels, offset, right, top, right, middle, stroke, slant, bottom);
                case 'c' -> line(pixels, offset, right, middle, right, bottom, stroke, slant, bottom);
                case 'd' -> line(pixels, offset, left, bottom, right, bottom, stroke, slant, bottom);
                case 'e' -> line(pixels, offset, left, middle, left, bottom, stroke, slant, bottom);
                case 'f' -> line(pixels, offset, left, top, left, middle, stroke, slant, bottom);
                default -> line(pixels, offset, left, middle, right, middle, stroke, slant, bottom);
            }
        }
        for (int p = 0; p < 28 * 28; p++) {
            int value = (pixels[offset + p] & 0xff) + (int) (random.nextGaussian() * 20);
            pixels[offset + p] = (byte) Math.max(0, Math.min(255, value));
        }
    }

    /** An axis-parallel stroke from (x0, y0) to (x1, y1), {@code stroke} pixels thick, slanted by row. */
    private static void line(byte[] pixels, int offset, int x0, int y0, int x1, int y1, int stroke, double slant, int bottom) {
        for (int y = Math.min(y0, y1); y <= Math.max(y0, y1) + stroke - 1; y++) {
            int shift = (int) Math.round(slant * (bottom - y));
            for (int x = Math.min(x0, x1); x <= Math.max(x0, x1) + stroke - 1; x++) {
                int sx = x + shift;
                if (sx >= 0 && sx < 28 && y >= 0 && y < 28) {
                    pixels[offset + y * 28 + sx] = (byte) 230;
                }
            }
        }
    }
}
