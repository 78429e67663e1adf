package org.fpt.tasks;

/**
 * Scales channel-major 8-bit images by area averaging (a box filter, as PIL's {@code Image.BOX} and
 * OpenCV's {@code INTER_AREA}): each output pixel covers a rectangle of the input, and its value is the
 * mean of the input pixels under it, weighted by how much of each lies inside, rounded to the nearest
 * level. Halving averages 2x2 blocks exactly; the same size is the identity; enlarging repeats pixels,
 * blending where an output pixel straddles two inputs. The aspect ratio is not kept.
 */
final class BoxResize {
    private BoxResize() {
    }

    static byte[] resize(byte[] planes, int channels, int height, int width, int outHeight, int outWidth) {
        if (height == outHeight && width == outWidth) {
            return planes;
        }
        Span[] xs = spans(width, outWidth);
        Span[] ys = spans(height, outHeight);
        byte[] out = new byte[channels * outHeight * outWidth];
        double[] rows = new double[height * outWidth];
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    Span span = xs[ox];
                    double sum = 0;
                    for (int k = 0; k < span.weights.length; k++) {
                        sum += span.weights[k] * (planes[plane + y * width + span.first + k] & 0xff);
                    }
                    rows[y * outWidth + ox] = sum;
                }
            }
            for (int oy = 0; oy < outHeight; oy++) {
                Span span = ys[oy];
                for (int ox = 0; ox < outWidth; ox++) {
                    double sum = 0;
                    for (int k = 0; k < span.weights.length; k++) {
                        sum += span.weights[k] * rows[(span.first + k) * outWidth + ox];
                    }
                    out[(c * outHeight + oy) * outWidth + ox] = (byte) Math.min(255, Math.round(sum));
                }
            }
        }
        return out;
    }

    /** The input pixels {@code first, first + 1, ...} an output pixel covers, with the share of its span each covers (summing to 1). */
    private record Span(int first, double[] weights) {
    }

    private static Span[] spans(int in, int out) {
        double scale = (double) in / out;
        Span[] spans = new Span[out];
        for (int o = 0; o < out; o++) {
            double from = o * scale;
            double to = (o + 1) * scale;
            int first = (int) Math.floor(from);
            int end = Math.min(in, (int) Math.ceil(to));
            double[] weights = new double[end - first];
            for (int i = first; i < end; i++) {
                weights[i - first] = (Math.min(to, i + 1) - Math.max(from, i)) / scale;
            }
            spans[o] = new Span(first, weights);
        }
        return spans;
    }
}
