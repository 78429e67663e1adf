package org.fpt.tasks;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG files with the JDK's ImageIO into channel-major 8-bit pixels with the task's
 * number of channels. One decoder per thread: it keeps its own ImageIO readers.
 *
 * <p>How a file's channels become the task's (as torchvision's loader, PIL's {@code convert}, does):
 * <ul>
 * <li>the format is taken from the file's first bytes (PNG or JPEG), not from its name;</li>
 * <li>a palette image becomes the RGB colours of its palette;</li>
 * <li>alpha is dropped (not composited): an RGBA pixel keeps its RGB values;</li>
 * <li>grayscale to RGB copies the gray value into R, G and B; RGB to grayscale is the luma
 *     {@code 0.2989 R + 0.587 G + 0.114 B} rounded, the rule the binary CIFAR-10 LRA path uses
 *     (so a gray pixel keeps its value either way);</li>
 * <li>samples of other depths (16-bit, or 1/2/4-bit PNG) are scaled to 0-255 and rounded
 *     ({@code v * 255 / (2^bits - 1)});</li>
 * <li>sample values are taken as stored: an embedded ICC profile or gamma is not applied (as PIL).</li>
 * </ul>
 * A damaged or truncated file is an error naming it: a reader's warning (e.g. a JPEG missing its end
 * marker) counts as an error, and a PNG's chunks and CRCs are checked ({@link PngChunks}).
 */
final class ImageFileDecoder implements AutoCloseable {
    static final long MAX_FILE_BYTES = 256L << 20;
    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final int channels;
    private final ImageReader png = ImageIO.getImageReadersByFormatName("png").next();
    private final ImageReader jpeg = ImageIO.getImageReadersByFormatName("jpeg").next();
    private final List<String> warnings = new ArrayList<>();

    ImageFileDecoder(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images are decoded to 1 or 3 channels, not " + channels);
        }
        this.channels = channels;
        png.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        jpeg.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    }

    /** A decoded image: {@code channels x height x width} bytes. */
    record Pixels(int width, int height, byte[] planes) {
    }

    /** The file's pixels, after {@code shape} has accepted the size its header declares (and scaled, if it resizes). */
    Pixels decode(Path file, ImageShape shape) {
        byte[] bytes = read(file);
        ImageReader reader;
        String format;
        if (PngChunks.isPng(bytes)) {
            PngChunks.check(file, bytes);
            reader = png;
            format = "PNG";
        } else if (PngChunks.startsWith(bytes, JPEG_START)) {
            reader = jpeg;
            format = "JPEG";
        } else {
            throw new DataFileException(file, "is neither a PNG nor a JPEG file (it starts with " + hex(bytes) + ")");
        }
        BufferedImage image;
        warnings.clear();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            shape.check(file, reader.getWidth(0), reader.getHeight(0));
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFileException known) {
                throw known;
            }
            throw new DataFileException(file, "cannot be decoded as " + format + " ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")", e);
        } finally {
            reader.setInput(null);
        }
        if (!warnings.isEmpty()) {
            throw new DataFileException(file, "is damaged: the " + format + " reader reports " + String.join("; ", warnings));
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] planes = toChannels(file, image);
        if (shape.resize()) {
            return new Pixels(shape.width(), shape.height(), BoxResize.resize(planes, channels, h, w, shape.height(), shape.width()));
        }
        return new Pixels(w, h, planes);
    }

    private byte[] toChannels(Path file, BufferedImage image) {
        int[][] rgbOrGray = samples(file, image);
        int n = image.getWidth() * image.getHeight();
        byte[] planes = new byte[channels * n];
        for (int p = 0; p < n; p++) {
            if (rgbOrGray.length == channels) {
                for (int c = 0; c < channels; c++) {
                    planes[c * n + p] = (byte) rgbOrGray[c][p];
                }
            } else if (channels == 3) {
                planes[p] = planes[n + p] = planes[2 * n + p] = (byte) rgbOrGray[0][p];
            } else {
                planes[p] = (byte) ImageSet.luma(rgbOrGray[0][p], rgbOrGray[1][p], rgbOrGray[2][p]);
            }
        }
        return planes;
    }

    /** The image's gray plane, or its R, G and B planes, as 0..255 (alpha left out). */
    private static int[][] samples(Path file, BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            int[] index = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            int[][] rgb = new int[3][index.length];
            for (int p = 0; p < index.length; p++) {
                if (index[p] >= palette.getMapSize()) {
                    throw new DataFileException(file, "has a pixel with palette index " + index[p] + ", but its palette has "
                            + palette.getMapSize() + " colours");
                }
                rgb[0][p] = palette.getRed(index[p]);
                rgb[1][p] = palette.getGreen(index[p]);
                rgb[2][p] = palette.getBlue(index[p]);
            }
            return rgb;
        }
        int colours = model.getNumColorComponents();
        int space = model.getColorSpace().getType();
        if (!(colours == 1 && space == ColorSpace.TYPE_GRAY) && !(colours == 3 && space == ColorSpace.TYPE_RGB)) {
            throw new DataFileException(file, "has " + colours + " colour components in a colour space that is neither grayscale nor RGB"
                    + " (e.g. CMYK); convert it to RGB");
        }
        int[][] planes = new int[colours][];
        for (int band = 0; band < colours; band++) {
            planes[band] = raster.getSamples(0, 0, w, h, band, (int[]) null);
            int max = (1 << model.getComponentSize(band)) - 1;
            if (max != 255) {
                for (int p = 0; p < planes[band].length; p++) {
                    planes[band][p] = (int) ((planes[band][p] * 255L + max / 2) / max);
                }
            }
        }
        return planes;
    }

    private static byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DataFileException(file, "is " + size + " bytes, above the " + MAX_FILE_BYTES + " an image file may have here");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read (" + e + ")", e);
        }
    }

    private static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing: the file is empty";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xff));
        }
        return text.toString();
    }

    @Override
    public void close() {
        png.dispose();
        jpeg.dispose();
    }
}
