package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fpt.spi.Batch;
import org.fpt.spi.Task;
import org.fpt.spi.Task.Split;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few real images of the shared CIFAR-10 JPEG copy ({@code ../shared/data/cifar10-jpeg} beside the
 * repository; see its README), copied into a small folder layout of their own. Skipped where that copy is absent.
 */
class CifarJpegFolderTest {
    /** The module runs in fpt-tasks/builtin; the repository's root is two levels up. */
    static final Path SHARED = Path.of("..", "..", "..", "shared", "data", "cifar10-jpeg").toAbsolutePath().normalize();
    private static final Map<String, String> PLAIN = Map.of("mean", "0", "std", "1", "patch", "1", "validation-size", "10");

    @TempDir
    Path dir;

    @BeforeEach
    void copyAFewImages() throws IOException {
        assumeTrue(Files.isDirectory(SHARED.resolve("train")), "no CIFAR-10 JPEG copy at " + SHARED);
        for (String name : TestImages.CIFAR_CLASSES) {
            for (int i = 0; i < 3; i++) {
                copy("train/" + name + String.format("/%04d.jpg", i));
            }
            copy("test/" + name + "/0000.jpg");
        }
    }

    @Test
    void realJpegsDecodeAsTheJdksOwnRgbPathAndHoldOutOnePerClass() throws IOException {
        Task task = TestImages.create("cifar10", dir, PLAIN);
        assertThat(task.size(Split.TRAIN)).isEqualTo(20);
        // 3 images per class, 10 held out: the last place of every class in the hold-out order
        assertThat(task.batch(Split.VALIDATION, 0, 10).labels()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Batch test = task.batch(Split.TEST, 0, 10);
        assertThat(test.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9); // sorted names = CIFAR-10's label order
        Task lra = TestImages.create("cifar10-lra", dir, Map.of("mean", "0", "std", "1", "validation-size", "10"));
        float[] gray = lra.batch(Split.TEST, 0, 10).values();
        for (int c = 0; c < 10; c++) {
            BufferedImage image = ImageIO.read(dir.resolve("test/" + TestImages.CIFAR_CLASSES[c] + "/0000.jpg").toFile());
            for (int p = 0; p < 1024; p++) {
                int rgb = image.getRGB(p % 32, p / 32); // through the colour model: an independent path
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                int at = (c * 1024 + p) * 3;
                assertThat(new float[] {test.values()[at], test.values()[at + 1], test.values()[at + 2]})
                        .containsExactly(r / 255f, g / 255f, b / 255f);
                assertThat(gray[c * 1024 + p]).isEqualTo(ImageSet.luma(r, g, b) / 255f);
            }
        }
    }

    private void copy(String path) throws IOException {
        Path target = dir.resolve(path);
        Files.createDirectories(target.getParent());
        Files.copy(SHARED.resolve(path), target);
    }
}
