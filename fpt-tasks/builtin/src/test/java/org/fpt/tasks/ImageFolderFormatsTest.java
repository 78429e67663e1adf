package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fpt.spi.Batch;
import org.fpt.spi.Task;
import org.fpt.spi.Task.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixels reach the batch from PNG/JPEG folders as the binary readers deliver them, and every kind of
 * PNG/JPEG (gray, 16-bit gray, RGB, RGBA, palette) is mapped to the task's channels by the documented rules.
 */
class ImageFolderFormatsTest {
    /** Plain values: a batch value is pixel / 255, and one pixel per token for image-folder. */
    private static final Map<String, String> PLAIN = Map.of("mean", "0", "std", "1", "validation-size", "0");

    @TempDir
    Path binary;
    @TempDir
    Path folders;

    @Test
    void aCifarBinaryRecordAndTheSameImageAsPngGiveIdenticalBatches() {
        TestFiles.cifarDir(binary, 10);
        for (int b = 1; b <= 5; b++) {
            byte[] records = TestFiles.cifar(10, b);
            for (int i = 0; i < 10; i++) {
                TestImages.png(folders.resolve("train").resolve(TestImages.CIFAR_CLASSES[(b + i) % 10]).resolve(b + "-" + i + ".png"),
                        TestImages.cifarRecord(records, i));
            }
        }
        byte[] test = TestFiles.cifar(10, 0);
        for (int i = 0; i < 10; i++) { // record i has label i: one image per class, in label order
            TestImages.png(folders.resolve("test").resolve(TestImages.CIFAR_CLASSES[i]).resolve(i + ".png"), TestImages.cifarRecord(test, i));
        }
        for (String task : List.of("cifar10", "cifar10-lra")) {
            Task fromBinary = TestImages.create(task, binary, PLAIN);
            Task fromFolders = TestImages.create(task, folders, PLAIN);
            Batch expected = fromBinary.batch(Split.TEST, 0, 10);
            Batch actual = fromFolders.batch(Split.TEST, 0, 10);
            assertThat(actual.labels()).containsExactly(expected.labels());
            assertThat(actual.values()).containsExactly(expected.values());
            // train holds the same 50 examples (in another order: folders are interleaved for the hold-out)
            assertThat(examples(fromFolders, Split.TRAIN)).containsExactlyInAnyOrderElementsOf(examples(fromBinary, Split.TRAIN));
        }
    }

    @Test
    void mnistIdxAndGrayPngFoldersGiveIdenticalBatches() {
        TestFiles.mnist(binary, 20, 10);
        for (int i = 0; i < 30; i++) {
            int image = i < 20 ? i : i - 20;
            String split = i < 20 ? "train" : "test";
            TestImages.png(folders.resolve(split).resolve(String.valueOf(image % 10)).resolve(image + ".png"),
                    TestImages.gray(28, 28, (x, y) -> TestFiles.pixel(image, y * 28 + x)));
        }
        Map<String, String> props = Map.of("validation-size", "0", "pad-to", "32");
        Task fromIdx = TestImages.create("mnist", binary, props);
        Task fromFolders = TestImages.create("mnist", folders, props);
        assertThat(fromFolders.input()).isEqualTo(fromIdx.input());
        assertThat(fromFolders.batch(Split.TEST, 0, 10).values()).containsExactly(fromIdx.batch(Split.TEST, 0, 10).values());
        assertThat(fromFolders.batch(Split.TEST, 0, 10).labels()).containsExactly(fromIdx.batch(Split.TEST, 0, 10).labels());
        assertThat(examples(fromFolders, Split.TRAIN)).containsExactlyInAnyOrderElementsOf(examples(fromIdx, Split.TRAIN));
    }

    @Test
    void everyPngKindBecomesRgbByTheDocumentedRules() {
        writeEveryKind();
        Task task = TestImages.create("image-folder", folders, with("patch", "1"));
        // 3x2 images on a 3x3 zero canvas, centred vertically with (3 - 2) / 2 = 0 rows above: pixel (x, y) is token 3y + x
        assertThat(task.input().tokens()).isEqualTo(9);
        assertThat(task.input().valueDim()).isEqualTo(3);
        // classes in sorted order: gray, gray16, palette, rgb, rgba; pixel (x=2, y=1)
        assertThat(rgb(task, 0, 2, 1)).containsExactly(grayAt(2, 1), grayAt(2, 1), grayAt(2, 1)); // gray copied to R, G, B
        assertThat(rgb(task, 1, 2, 1)).containsExactly(77, 77, 77); // 16-bit 19789 = 77 * 257
        assertThat(rgb(task, 2, 2, 1)).containsExactly(0x12, 0x34, 0x56); // palette colour 1
        assertThat(rgb(task, 3, 2, 1)).containsExactly(rgbAt(2, 1) >> 16 & 0xff, rgbAt(2, 1) >> 8 & 0xff, rgbAt(2, 1) & 0xff);
        assertThat(rgb(task, 4, 2, 1)).containsExactly(200, 100, 50); // alpha 10 dropped, not composited
    }

    @Test
    void everyPngKindBecomesGrayByTheLumaRule() {
        writeEveryKind();
        Task task = TestImages.create("image-folder", folders, with("patch", "1", "channels", "1", "mean", "0", "std", "1"));
        assertThat(task.input().valueDim()).isEqualTo(1);
        assertThat(gray(task, 0, 2, 1)).isEqualTo(grayAt(2, 1));
        assertThat(gray(task, 1, 2, 1)).isEqualTo(77);
        assertThat(gray(task, 2, 2, 1)).isEqualTo(ImageSet.luma(0x12, 0x34, 0x56));
        assertThat(gray(task, 3, 2, 1)).isEqualTo(ImageSet.luma(rgbAt(2, 1) >> 16 & 0xff, rgbAt(2, 1) >> 8 & 0xff, rgbAt(2, 1) & 0xff));
        assertThat(gray(task, 4, 2, 1)).isEqualTo(ImageSet.luma(200, 100, 50));
        assertThat(ImageSet.luma(200, 100, 50)).isEqualTo(Math.round(0.2989 * 200 + 0.587 * 100 + 0.114 * 50));
    }

    @Test
    void jpegGrayAndRgbDecodeCloseToWhatWasWritten() {
        // flat colours survive JPEG's quantisation within a level or two
        TestImages.jpeg(folders.resolve("train/a/0.jpg"), TestImages.rgb(16, 16, (x, y) -> 0xC86432));
        TestImages.jpeg(folders.resolve("train/b/0.JPEG"), TestImages.gray(16, 16, (x, y) -> 90));
        TestImages.jpeg(folders.resolve("test/a/0.jpg"), TestImages.rgb(16, 16, (x, y) -> 0x204080));
        TestImages.jpeg(folders.resolve("test/b/0.jpeg"), TestImages.gray(16, 16, (x, y) -> 10));
        Task task = TestImages.create("image-folder", folders, with("patch", "1"));
        float[] train = task.batch(Split.TRAIN, 0, 2).values();
        int perImage = 16 * 16 * 3;
        int first = task.batch(Split.TRAIN, 0, 2).labels()[0];
        float[] colourA = Arrays.copyOfRange(train, first == 0 ? 0 : perImage, (first == 0 ? 0 : perImage) + 3);
        float[] grayB = Arrays.copyOfRange(train, first == 0 ? perImage : 0, (first == 0 ? perImage : 0) + 3);
        assertThat(colourA[0] * 255).isCloseTo(200f, within(2f));
        assertThat(colourA[1] * 255).isCloseTo(100f, within(2f));
        assertThat(colourA[2] * 255).isCloseTo(50f, within(2f));
        assertThat(grayB[0] * 255).isCloseTo(90f, within(1f));
        assertThat(grayB[1]).isEqualTo(grayB[0]); // a gray JPEG's value copied to R, G and B
        assertThat(grayB[2]).isEqualTo(grayB[0]);
        float[] test = task.batch(Split.TEST, 0, 2).values();
        assertThat(test[0] * 255).isCloseTo(0x20, within(2f));
        assertThat(test[perImage] * 255).isCloseTo(10f, within(1f));
    }

    @Test
    void resizeAveragesAreasSoMixedSizesFitOneCanvas() {
        // 4x4 with 2x2 blocks of 0, 40, 80, 120 (plus 0..3 inside each block) and a 2x2 image
        TestImages.png(folders.resolve("train/a/big.png"), TestImages.gray(4, 4, (x, y) -> 40 * (2 * (y / 2) + x / 2) + (y % 2) * 2 + x % 2));
        TestImages.png(folders.resolve("train/b/small.png"), TestImages.gray(2, 2, (x, y) -> 10 * (2 * y + x)));
        TestImages.png(folders.resolve("test/a/wide.png"), TestImages.gray(4, 1, (x, y) -> x * 60));
        TestImages.png(folders.resolve("test/b/tiny.png"), TestImages.gray(1, 1, (x, y) -> 7));
        Task task = TestImages.create("image-folder", folders, with("resize", "2", "patch", "1", "channels", "1"));
        assertThat(task.input().tokens()).isEqualTo(4);
        // sorted: a/big.png then b/small.png (validation-size 0 keeps both in train; order is the hold-out order)
        Batch train = task.batch(Split.TRAIN, 0, 2);
        int big = train.labels()[0] == 0 ? 0 : 1;
        // each output pixel is the mean of a 2x2 block: 40k + (0 + 1 + 2 + 3) / 4 = 40k + 1.5, rounded half up
        assertThat(levels(train.values(), big * 4, 4)).containsExactly(2, 42, 82, 122);
        assertThat(levels(train.values(), (1 - big) * 4, 4)).containsExactly(0, 10, 20, 30); // same size: unchanged
        float[] test = task.batch(Split.TEST, 0, 2).values();
        assertThat(levels(test, 0, 4)).containsExactly(30, 150, 30, 150); // 4x1 -> 2x2: pairs averaged, rows repeated
        assertThat(levels(test, 4, 4)).containsExactly(7, 7, 7, 7); // 1x1 -> 2x2: repeated
    }

    private void writeEveryKind() {
        for (String split : List.of("train", "test")) {
            Path root = folders.resolve(split);
            TestImages.png(root.resolve("gray/0.png"), TestImages.gray(3, 2, ImageFolderFormatsTest::grayAt));
            TestImages.png(root.resolve("gray16/0.png"), TestImages.gray16(3, 2, (x, y) -> 77 * 257));
            TestImages.png(root.resolve("palette/0.png"), TestImages.palette(3, 2, new int[] {0xff0000, 0x123456, 0x00ff00},
                    (x, y) -> x == 2 && y == 1 ? 1 : 0));
            TestImages.png(root.resolve("rgb/0.png"), TestImages.rgb(3, 2, ImageFolderFormatsTest::rgbAt));
            TestImages.png(root.resolve("rgba/0.png"), TestImages.rgba(3, 2, (x, y) -> 0x0AC86432));
        }
    }

    private static int grayAt(int x, int y) {
        return 30 + 50 * y + 20 * x;
    }

    private static int rgbAt(int x, int y) {
        return (10 + x) << 16 | (100 + y) << 8 | (200 + x + y);
    }

    /** The R, G, B levels of pixel (x, y) of test image {@code image} of a 3x2, one-pixel-per-token task. */
    private static int[] rgb(Task task, int image, int x, int y) {
        float[] values = task.batch(Split.TEST, image, image + 1).values();
        return levels(values, (y * 3 + x) * 3, 3);
    }

    private static int gray(Task task, int image, int x, int y) {
        return levels(task.batch(Split.TEST, image, image + 1).values(), y * 3 + x, 1)[0];
    }

    private static int[] levels(float[] values, int from, int count) {
        int[] levels = new int[count];
        for (int i = 0; i < count; i++) {
            levels[i] = Math.round(values[from + i] * 255);
        }
        return levels;
    }

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> props = new java.util.HashMap<>(PLAIN);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    /** Every example of a split as "label: values", for comparing sets regardless of order. */
    static List<String> examples(Task task, Split split) {
        Batch batch = task.batch(split, 0, task.size(split));
        int per = batch.values().length / batch.labels().length;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < batch.labels().length; i++) {
            examples.add(batch.labels()[i] + ": " + Arrays.toString(Arrays.copyOfRange(batch.values(), i * per, (i + 1) * per)));
        }
        return examples;
    }
}
