package org.fpt.tasks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.fpt.spi.TaskOptions;

/** Small data files in the real formats, written by the tests themselves. */
final class TestFiles {
    private TestFiles() {
    }

    /** An IDX file: magic {@code 0x0000TTNN}, the sizes, then {@code data}. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        out.putInt((type << 8) | dims.length);
        for (int d : dims) {
            out.putInt(d);
        }
        out.put(data);
        return out.array();
    }

    /** {@code n} images of {@code h x w} whose pixel (y, x) of image i is {@code (i * 31 + y * w + x) % 256}. */
    static byte[] idxImages(int n, int h, int w) {
        byte[] pixels = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < h * w; p++) {
                pixels[i * h * w + p] = (byte) pixel(i, p);
            }
        }
        return idx(0x08, new int[] {n, h, w}, pixels);
    }

    static int pixel(int image, int position) {
        return (image * 31 + position) % 256;
    }

    /** Labels {@code i % 10}. */
    static byte[] idxLabels(int n) {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return idx(0x08, new int[] {n}, labels);
    }

    /** An MNIST-layout directory with {@code train} and {@code test} 28x28 images; train files gzipped. */
    static Path mnist(Path dir, int train, int test) {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(train, 28, 28)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(train)));
        write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(test, 28, 28));
        write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(test));
        return dir;
    }

    /** CIFAR-10 binary records: label {@code (first + i) % 10}; pixel byte k of record i is {@code (i + k) % 256}. */
    static byte[] cifar(int records, int first) {
        byte[] bytes = new byte[records * 3073];
        for (int i = 0; i < records; i++) {
            bytes[i * 3073] = (byte) ((first + i) % 10);
            for (int k = 0; k < 3072; k++) {
                bytes[i * 3073 + 1 + k] = (byte) ((i + k) % 256);
            }
        }
        return bytes;
    }

    /** The six CIFAR-10 batch files with {@code perBatch} records each, in {@code dir}. */
    static Path cifarDir(Path dir, int perBatch) {
        for (int b = 1; b <= 5; b++) {
            write(dir.resolve("data_batch_" + b + ".bin"), cifar(perBatch, b));
        }
        write(dir.resolve("test_batch.bin"), cifar(perBatch, 0));
        return dir;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static TaskOptions options(Path dir, Map<String, String> properties) {
        return new TaskOptions(7, Optional.of(dir), properties);
    }
}
