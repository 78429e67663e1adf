package org.fpt.tasks;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Task;
import org.fpt.spi.TaskOptions;

/** Real PNG and JPEG files for the image-folder tests, written by the JDK's ImageIO. */
final class TestImages {
    static final Plugins PLUGINS = Plugins.load(TestImages.class.getClassLoader());
    /** CIFAR-10's classes: sorted, they are its label order. */
    static final String[] CIFAR_CLASSES = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

    private TestImages() {
    }

    interface Pixel {
        int at(int x, int y);
    }

    static BufferedImage gray(int width, int height, Pixel value) {
        return filled(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), value, 1);
    }

    /** 16-bit grayscale: {@code value} is 0..65535. */
    static BufferedImage gray16(int width, int height, Pixel value) {
        return filled(new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY), value, 1);
    }

    /** {@code rgb} is {@code 0xRRGGBB}. */
    static BufferedImage rgb(int width, int height, Pixel rgb) {
        return filled(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR), rgb, 3);
    }

    /** {@code argb} is {@code 0xAARRGGBB}; the raster is written directly, so colours under low alpha stay as given. */
    static BufferedImage rgba(int width, int height, Pixel argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = argb.at(x, y);
                image.getRaster().setPixel(x, y, new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff, v >>> 24});
            }
        }
        return image;
    }

    /** A palette image: pixel (x, y) has colour {@code palette[index(x, y)]} ({@code 0xRRGGBB}). */
    static BufferedImage palette(int width, int height, int[] palette, Pixel index) {
        byte[] r = new byte[palette.length];
        byte[] g = new byte[palette.length];
        byte[] b = new byte[palette.length];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        return filled(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, palette.length, r, g, b)),
                index, 1);
    }

    private static BufferedImage filled(BufferedImage image, Pixel value, int channels) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = value.at(x, y);
                if (channels == 1) {
                    image.getRaster().setSample(x, y, 0, v);
                } else {
                    image.getRaster().setPixel(x, y, new int[] {v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff});
                }
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("ImageIO has no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG of four components (ImageIO writes a raster's bands as they are), which readers take as CMYK. */
    static byte[] cmykJpeg(int width, int height) {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static Path png(Path file, BufferedImage image) {
        return TestFiles.write(file, encode(image, "png"));
    }

    static Path jpeg(Path file, BufferedImage image) {
        return TestFiles.write(file, encode(image, "jpeg"));
    }

    /** A CIFAR-10 binary record (label byte, then the R, G and B planes) as an RGB image. */
    static BufferedImage cifarRecord(byte[] records, int record) {
        int base = record * CifarReader.RECORD + 1;
        int plane = CifarReader.SIDE * CifarReader.SIDE;
        return rgb(CifarReader.SIDE, CifarReader.SIDE, (x, y) -> {
            int p = y * CifarReader.SIDE + x;
            return (records[base + p] & 0xff) << 16 | (records[base + plane + p] & 0xff) << 8 | (records[base + 2 * plane + p] & 0xff);
        });
    }

    static Task create(String task, Path dir, Map<String, String> properties) {
        return PLUGINS.tasks().get(task).create(new TaskOptions(7, Optional.of(dir), properties));
    }
}
