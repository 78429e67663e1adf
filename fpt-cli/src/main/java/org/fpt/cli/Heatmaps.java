package org.fpt.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.fpt.io.AtomicFiles;
import org.fpt.model.AttentionRecorder.Layer;

/** Attention heatmaps as PNG with java.awt (headless): rows are queries, columns keys, 0 dark to 1 bright. */
final class Heatmaps {
    /** Viridis at five stops: perceptually even, readable in grey. */
    private static final float[][] STOPS = {
            {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    private static final int GAP = 4;

    private Heatmaps() {
    }

    static BufferedImage head(Layer layer, int example, int head, int cell) {
        int t = layer.tokens();
        BufferedImage image = new BufferedImage(t * cell, t * cell, BufferedImage.TYPE_INT_RGB);
        paint(image.createGraphics(), layer, example, head, cell, 0, 0);
        return image;
    }

    /** Every layer (rows) and head (columns) in one picture, like the paper's bit-XOR figure. */
    static BufferedImage grid(java.util.List<Layer> layers, int example, int cell) {
        int t = layers.get(0).tokens();
        int heads = layers.get(0).heads();
        int side = t * cell;
        BufferedImage image = new BufferedImage(heads * (side + GAP) - GAP, layers.size() * (side + GAP) - GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (Layer layer : layers) {
            for (int h = 0; h < heads; h++) {
                paint(g, layer, example, h, cell, h * (side + GAP), layer.layer() * (side + GAP));
            }
        }
        g.dispose();
        return image;
    }

    static void write(BufferedImage image, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + file, e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private static void paint(Graphics2D g, Layer layer, int example, int head, int cell, int x0, int y0) {
        int t = layer.tokens();
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                g.setColor(color(layer.at(example, head, q, k)));
                g.fillRect(x0 + k * cell, y0 + q * cell, cell, cell);
            }
        }
    }

    static Color color(float value) {
        float v = Math.max(0f, Math.min(1f, value)) * (STOPS.length - 1);
        int i = Math.min((int) v, STOPS.length - 2);
        float f = v - i;
        float[] a = STOPS[i];
        float[] b = STOPS[i + 1];
        return new Color(Math.round(a[0] + f * (b[0] - a[0])), Math.round(a[1] + f * (b[1] - a[1])), Math.round(a[2] + f * (b[2] - a[2])));
    }
}
