package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.fpt.spi.Batch;
import org.fpt.spi.Task;
import org.fpt.spi.Task.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable, damaged and wrongly sized images: one line naming the file, whichever thread decodes it. */
class ImageFileErrorsTest {
    private static final Map<String, String> PLAIN = Map.of("mean", "0", "std", "1", "validation-size", "0", "patch", "1");

    @TempDir
    Path dir;

    @Test
    void bytesThatAreNeitherPngNorJpegAreNamed() {
        Path bad = layoutWith("cat.png", new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0});
        assertThatThrownBy(this::create).hasMessage(bad + ": is neither a PNG nor a JPEG file (it starts with 47 49 46 38)");
        TestFiles.write(bad, new byte[0]);
        assertThatThrownBy(this::create).hasMessage(bad + ": is neither a PNG nor a JPEG file (it starts with nothing: the file is empty)");
    }

    @Test
    void truncatedAndDamagedPngsAreNamed() {
        byte[] png = TestImages.encode(TestImages.rgb(8, 8, (x, y) -> x * 0x10203 + y * 0x30201), "png");
        Path bad = layoutWith("cut.png", Arrays.copyOf(png, png.length - 30));
        assertThatThrownBy(this::create).hasMessageStartingWith(bad + ": is a truncated PNG: chunk IDAT at offset");
        TestFiles.write(bad, Arrays.copyOf(png, png.length - 12)); // the pixels complete, only IEND missing: ImageIO alone accepts it
        assertThatThrownBy(this::create).hasMessage(bad + ": is a truncated PNG: it ends at byte " + (png.length - 12) + " without an IEND chunk");
        byte[] flipped = png.clone();
        flipped[png.length - 20] ^= 0x40;
        TestFiles.write(bad, flipped);
        assertThatThrownBy(this::create).hasMessageStartingWith(bad + ": is a damaged PNG: chunk IDAT at offset").hasMessageEndingWith("fails its CRC check");
        TestFiles.write(bad, garbledPixelData(png)); // damaged pixel data under a correct CRC
        assertThatThrownBy(this::create).hasMessageStartingWith(bad + ": cannot be decoded as PNG (");
    }

    @Test
    void truncatedAndDamagedJpegsAreNamed() {
        byte[] jpeg = TestImages.encode(TestImages.rgb(32, 32, (x, y) -> x * 0x70503 + y * 0x30507), "jpeg");
        Path bad = layoutWith("dog.jpg", Arrays.copyOf(jpeg, jpeg.length - 40)); // decodes, but the reader warns
        assertThatThrownBy(this::create).hasMessageStartingWith(bad + ": is damaged: the JPEG reader reports ")
                .hasMessageContaining("EOI");
        TestFiles.write(bad, Arrays.copyOf(jpeg, 200)); // the headers only
        assertThatThrownBy(this::create).hasMessageStartingWith(bad + ": cannot be decoded as JPEG (");
    }

    @Test
    void aCmykJpegIsRefusedRatherThanGuessed() {
        Path bad = layoutWith("print.jpg", TestImages.cmykJpeg(4, 4));
        assertThatThrownBy(this::create).hasMessage(bad + ": has 4 colour components in a colour space that is neither grayscale nor RGB"
                + " (e.g. CMYK); convert it to RGB");
    }

    @Test
    void theFirstBadFileIsNamedWhenTwoThreadsDecode() {
        // 600 images: enough for a second decoding thread; each image's R, G levels encode its number
        for (int i = 0; i < 600; i++) {
            int id = i;
            TestImages.png(dir.resolve("train/" + (i % 2 == 0 ? "even" : "odd") + "/" + String.format("%03d.png", i)),
                    TestImages.rgb(1, 1, (x, y) -> (id % 256) << 16 | (id / 256) << 8));
        }
        TestImages.png(dir.resolve("test/even/0.png"), TestImages.rgb(1, 1, (x, y) -> 0));
        TestImages.png(dir.resolve("test/odd/0.png"), TestImages.rgb(1, 1, (x, y) -> 0));
        Task task = TestImages.create("image-folder", dir, PLAIN);
        Batch train = task.batch(Split.TRAIN, 0, 600);
        boolean[] seen = new boolean[600];
        for (int n = 0; n < 600; n++) {
            int id = Math.round(train.values()[3 * n] * 255) + 256 * Math.round(train.values()[3 * n + 1] * 255);
            assertThat(train.labels()[n]).as("label of image %d", id).isEqualTo(id % 2);
            seen[id] = true;
        }
        assertThat(seen).containsOnly(true);
        Path bad = TestFiles.write(dir.resolve("train/odd/451.png"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, PLAIN)).hasMessageStartingWith(bad + ": is neither");
    }

    @Test
    void theFixedSizeTasksRefuseOtherSizesNamingTheFile() {
        for (int c = 0; c < 10; c++) {
            for (String split : List.of("train", "test")) {
                TestImages.png(dir.resolve(split + "/" + TestImages.CIFAR_CLASSES[c] + "/0.png"), TestImages.rgb(32, 32, (x, y) -> 0));
            }
        }
        Path wrong = TestImages.png(dir.resolve("test/ship/1.png"), TestImages.rgb(32, 30, (x, y) -> 0));
        assertThatThrownBy(() -> TestImages.create("cifar10", dir, Map.of("validation-size", "1")))
                .hasMessage(wrong + ": is 32x30 pixels (width x height), but the task cifar10 needs 32x32 images");
        assertThatThrownBy(() -> TestImages.create("cifar10-lra", dir, Map.of("validation-size", "1")))
                .hasMessage(wrong + ": is 32x30 pixels (width x height), but the task cifar10-lra needs 32x32 images");
        assertThatThrownBy(() -> TestImages.create("mnist", dir, Map.of("validation-size", "1")))
                .hasMessage(dir.resolve("train/airplane/0.png") + ": is 32x32 pixels (width x height), but the task mnist needs 28x28 images");
    }

    @Test
    void imageFolderWantsOneSizeUnlessResizing() {
        TestImages.png(dir.resolve("train/a/0.png"), TestImages.gray(6, 4, (x, y) -> 0));
        TestImages.png(dir.resolve("train/b/0.png"), TestImages.gray(6, 4, (x, y) -> 0));
        TestImages.png(dir.resolve("test/a/0.png"), TestImages.gray(6, 4, (x, y) -> 0));
        Path odd = TestImages.png(dir.resolve("test/b/0.png"), TestImages.gray(4, 6, (x, y) -> 0));
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, PLAIN))
                .hasMessage(odd + ": is 4x6 pixels (width x height), but the images must all have the size of "
                        + dir.resolve("train/a/0.png") + " (6x4); -P resize=N scales every image to NxN");
        // unresized, a 6x4 image sits centred on an 8x8 canvas with patch 4 (the larger side rounded up)
        TestImages.png(odd, TestImages.gray(6, 4, (x, y) -> 255));
        Map<String, String> props = new java.util.HashMap<>(PLAIN);
        props.put("patch", "4");
        Task task = TestImages.create("image-folder", dir, props);
        assertThat(task.input().tokens()).isEqualTo(4);
        assertThat(task.input().valueDim()).isEqualTo(48);
        props.put("pad-to", "6");
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, props)).hasMessageContaining("not a multiple of the patch size 4");
    }

    /** A valid layout (two classes, 2x2 RGB PNGs) plus {@code bytes} as {@code train/b/<name>}. */
    private Path layoutWith(String name, byte[] bytes) {
        for (String split : List.of("train", "test")) {
            TestImages.png(dir.resolve(split + "/a/0.png"), TestImages.rgb(2, 2, (x, y) -> 0x102030));
            TestImages.png(dir.resolve(split + "/b/0.png"), TestImages.rgb(2, 2, (x, y) -> 0x405060));
        }
        return TestFiles.write(dir.resolve("train/b/" + name), bytes);
    }

    /** With {@code resize}, so that only the content of a file can fail, not its size. */
    private Task create() {
        Map<String, String> props = new java.util.HashMap<>(PLAIN);
        props.put("resize", "2");
        return TestImages.create("image-folder", dir, props);
    }

    /** The PNG with bytes of its IDAT data changed and the chunk's CRC recomputed to match. */
    private static byte[] garbledPixelData(byte[] png) {
        byte[] out = png.clone();
        int at = 8;
        while (true) {
            int length = (out[at] & 0xff) << 24 | (out[at + 1] & 0xff) << 16 | (out[at + 2] & 0xff) << 8 | (out[at + 3] & 0xff);
            if (new String(out, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("IDAT")) {
                for (int i = at + 8 + 2; i < at + 8 + length; i++) {
                    out[i] = (byte) 0xff; // keep the zlib header, garble the deflate stream
                }
                CRC32 crc = new CRC32();
                crc.update(out, at + 4, 4 + length);
                long value = crc.getValue();
                for (int k = 0; k < 4; k++) {
                    out[at + 8 + length + k] = (byte) (value >>> (24 - 8 * k));
                }
                return out;
            }
            at += 12 + length;
        }
    }
}
