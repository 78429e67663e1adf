package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.Task.Split;
import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTaskTest {
    private static final Plugins PLUGINS = Plugins.load(CifarTaskTest.class.getClassLoader());
    private static final TaskFactory CIFAR = PLUGINS.tasks().get("cifar10");
    private static final TaskFactory LRA = PLUGINS.tasks().get("cifar10-lra");
    private static final Map<String, String> PLAIN = Map.of("mean", "0", "std", "1", "validation-size", "0");

    @TempDir
    Path dir;

    @Test
    void readsChannelMajorRecordsIntoSixtyFourPatchesOfFortyEight() {
        Task task = CIFAR.create(TestFiles.options(TestFiles.cifarDir(dir, 3), PLAIN));
        assertThat(task.input().tokens()).isEqualTo(64);
        assertThat(task.input().valueDim()).isEqualTo(48);
        assertThat(task.size(Split.TRAIN)).isEqualTo(15);
        assertThat(task.size(Split.TEST)).isEqualTo(3);
        // batches 1..5 in order: labels (b + i) % 10
        assertThat(task.batch(Split.TRAIN, 0, 15).labels()).containsExactly(1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6, 5, 6, 7);
        Batch test = task.batch(Split.TEST, 0, 3);
        assertThat(test.labels()).containsExactly(0, 1, 2);
        // record 2, channel g (1), pixel (y=6, x=13): patch (1, 3) = token 11, offset (2, 1) -> value (2*4+1)*3 + 1
        int k = 1024 + 6 * 32 + 13;
        assertThat(test.values()[2 * 64 * 48 + 11 * 48 + (2 * 4 + 1) * 3 + 1]).isEqualTo(((2 + k) % 256) / 255f);
    }

    @Test
    void normalisesPerChannelAndCarvesValidation() {
        Task task = CIFAR.create(TestFiles.options(TestFiles.cifarDir(dir, 2), Map.of("validation-size", "4")));
        assertThat(task.size(Split.TRAIN)).isEqualTo(6);
        assertThat(task.size(Split.VALIDATION)).isEqualTo(4);
        float[] values = task.batch(Split.TEST, 0, 1).values();
        // record 0, pixel (0, 0): r = 0, g = 1024 % 256 = 0, b = 2048 % 256 = 0
        assertThat(values[0]).isEqualTo((0 - 0.4914f) / 0.2023f);
        assertThat(values[1]).isEqualTo((0 - 0.4822f) / 0.1994f);
        assertThat(values[2]).isEqualTo((0 - 0.4465f) / 0.2010f);
    }

    @Test
    void augmentsTrainingBatchesOnlyAndFindsTheUnpackedFolder() {
        Path unpacked = dir.resolve(Cifar10Task.SUBDIR);
        TestFiles.cifarDir(unpacked, 2);
        Task task = CIFAR.create(TestFiles.options(dir, Map.of("validation-size", "2")));
        Batch a = task.trainBatch(8, new Random(1));
        Batch b = task.trainBatch(8, new Random(1));
        assertThat(a.values()).containsExactly(b.values()); // the host's seed decides
        Task plain = CIFAR.create(TestFiles.options(dir, Map.of("validation-size", "2", "augment", "false")));
        Batch c = plain.trainBatch(8, new Random(1));
        assertThat(c.labels()).containsExactly(a.labels());
        assertThat(Arrays.equals(a.values(), c.values())).isFalse();
        // evaluation batches are never augmented
        assertThat(task.batch(Split.VALIDATION, 0, 2).values()).containsExactly(plain.batch(Split.VALIDATION, 0, 2).values());
    }

    @Test
    void flipMirrorsAndCropShiftsWithZeroFill() {
        float[] image = new float[2 * 3 * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        float[] mirrored = {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10, 15, 14, 13, 18, 17, 16};
        Random rng = new Random(3);
        boolean sawFlip = false;
        boolean sawSame = false;
        for (int i = 0; i < 20; i++) {
            float[] out = new Augmentation(0, true, 0).apply(image, 2, 3, rng);
            sawFlip |= Arrays.equals(out, mirrored);
            sawSame |= Arrays.equals(out, image);
            assertThat(Arrays.equals(out, mirrored) || Arrays.equals(out, image)).isTrue();
        }
        assertThat(sawFlip && sawSame).isTrue();
        float[] cropped = new Augmentation(1, false, 0).apply(image, 2, 3, new Random(5));
        // a shift by at most one pixel: at least 4 of each channel's 9 pixels survive, the rest are 0
        long zeros = 0;
        for (float v : cropped) {
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros).isIn(0L, 6L, 10L);
    }

    @Test
    void lraVariantIsGrayscaleOnePixelPerToken() {
        Task task = LRA.create(TestFiles.options(TestFiles.cifarDir(dir, 2), Map.of("validation-size", "0", "mean", "0", "std", "1")));
        assertThat(task.input().tokens()).isEqualTo(1024);
        assertThat(task.input().valueDim()).isEqualTo(1);
        float[] values = task.batch(Split.TEST, 1, 2).values();
        int p = 5 * 32 + 7;
        long luma = Math.round(0.2989 * ((1 + p) % 256) + 0.587 * ((1 + 1024 + p) % 256) + 0.114 * ((1 + 2048 + p) % 256));
        assertThat(values[p]).isEqualTo(luma / 255f);
        // no augmentation by default (LRA's setting)
        assertThat(task.trainBatch(4, new Random(2)).values()).containsExactly(task.trainBatch(4, new Random(2)).values());
    }

    @Test
    void truncatedRecordIsReportedWithItsOffset() {
        TestFiles.cifarDir(dir, 2);
        TestFiles.write(dir.resolve("data_batch_3.bin"), Arrays.copyOf(TestFiles.cifar(2, 0), 2 * 3073 - 10));
        assertThatThrownBy(() -> CIFAR.create(TestFiles.options(dir, PLAIN)))
                .hasMessageContaining("data_batch_3.bin").hasMessageContaining("truncated")
                .hasMessageContaining("record at offset 3073 has only 3063 bytes");
    }

    @Test
    void labelOutOfRangeIsReportedWithRecordAndOffset() {
        TestFiles.cifarDir(dir, 2);
        byte[] bytes = TestFiles.cifar(2, 0);
        bytes[3073] = 42;
        TestFiles.write(dir.resolve("test_batch.bin"), bytes);
        assertThatThrownBy(() -> LRA.create(TestFiles.options(dir, Map.of("validation-size", "0"))))
                .hasMessageContaining("test_batch.bin").hasMessageContaining("label 42 of record 1 (offset 3073)");
    }

    @Test
    void emptyOrIncompleteDataDirNamesTheMissingFile() {
        assertThatThrownBy(() -> CIFAR.create(TestFiles.options(dir, PLAIN)))
                .hasMessageContaining("no data_batch_1.bin").hasMessageContaining("the directory is empty")
                .hasMessageContaining("cifar-10-binary.tar.gz");
        TestFiles.cifarDir(dir, 1);
        TestFiles.write(dir.resolve("test_batch.bin"), new byte[0]);
        assertThatThrownBy(() -> CIFAR.create(TestFiles.options(dir, PLAIN)))
                .hasMessageContaining("test_batch.bin").hasMessageContaining("is empty");
    }
}
