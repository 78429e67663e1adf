package org.fpt.tasks;

import java.util.Random;
import org.fpt.spi.Batch;
import org.fpt.spi.InputSpec;

/**
 * Images to patch tokens as the official code does ({@code 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)'}):
 * each image is centred on a {@code side x side} zero canvas (MNIST's 28 -> 32 padding), scaled to
 * {@code [0, 1]}, optionally augmented, normalised per channel ({@code (v - mean) / std}) and cut into
 * {@code patch x patch} patches in row-major order; a token holds its patch's pixels row by row, the
 * channels of a pixel side by side.
 */
record ImageEncoder(int channels, int side, int patch, float[] mean, float[] std) {
    /** The largest canvas side a task property may ask for ({@code pad-to}, {@code resize}, {@code patch}). */
    static final int MAX_SIDE = 4096;

    ImageEncoder {
        if (side % patch != 0) {
            throw new IllegalArgumentException("Image side " + side + " is not a multiple of the patch size " + patch);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("Normalisation needs one mean and one std per channel (" + channels + ")");
        }
    }

    InputSpec inputSpec() {
        int grid = side / patch;
        return InputSpec.values(grid * grid, patch * patch * channels);
    }

    Batch encode(ImageSet set, int[] indices, Augmentation augmentation, Random rng) {
        if (set.height() > side || set.width() > side || set.channels() != channels) {
            throw new IllegalArgumentException(set.source() + ": images are " + set.channels() + "x" + set.height() + "x"
                    + set.width() + ", expected " + channels + " channel(s) of at most " + side + "x" + side);
        }
        InputSpec spec = inputSpec();
        int perExample = spec.tokens() * spec.valueDim();
        float[] values = new float[indices.length * perExample];
        int[] labels = new int[indices.length];
        for (int n = 0; n < indices.length; n++) {
            float[] canvas = canvas(set, indices[n]);
            if (rng != null && augmentation.active()) {
                canvas = augmentation.apply(canvas, channels, side, rng);
            }
            writeTokens(canvas, values, n * perExample);
            labels[n] = set.labels()[indices[n]];
        }
        return Batch.ofValues(indices.length, spec.tokens(), values, labels);
    }

    private float[] canvas(ImageSet set, int i) {
        float[] canvas = new float[channels * side * side];
        int top = (side - set.height()) / 2;
        int left = (side - set.width()) / 2;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < set.height(); y++) {
                for (int x = 0; x < set.width(); x++) {
                    canvas[(c * side + top + y) * side + left + x] = set.pixel(i, c, y, x) / 255f;
                }
            }
        }
        return canvas;
    }

    private void writeTokens(float[] canvas, float[] values, int offset) {
        int grid = side / patch;
        int valueDim = patch * patch * channels;
        for (int gy = 0; gy < grid; gy++) {
            for (int gx = 0; gx < grid; gx++) {
                int token = offset + (gy * grid + gx) * valueDim;
                for (int py = 0; py < patch; py++) {
                    for (int px = 0; px < patch; px++) {
                        int y = gy * patch + py;
                        int x = gx * patch + px;
                        for (int c = 0; c < channels; c++) {
                            values[token + (py * patch + px) * channels + c] = (canvas[(c * side + y) * side + x] - mean[c]) / std[c];
                        }
                    }
                }
            }
        }
    }
}
