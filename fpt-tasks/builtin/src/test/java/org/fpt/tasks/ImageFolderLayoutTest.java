package org.fpt.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fpt.spi.Task;
import org.fpt.spi.Task.Split;
import org.fpt.spi.TaskOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder layout: which directory is read as one, class order, the validation hold-out and the layout's errors. */
class ImageFolderLayoutTest {
    private static final Map<String, String> GRAY = Map.of("channels", "1", "patch", "1", "mean", "0", "std", "1");

    @TempDir
    Path dir;

    @Test
    void classesAreTheFolderNamesInSortedOrder() {
        String[] created = {"zebra", "Apple", "mango", "10", "9"};
        for (int i = 0; i < created.length; i++) {
            int level = 10 * (i + 1);
            onePixel("train/" + created[i] + "/x.png", level);
            onePixel("test/" + created[i] + "/x.png", level);
        }
        Task task = TestImages.create("image-folder", dir, with("validation-size", "0"));
        assertThat(task.output().numClasses()).isEqualTo(5);
        // code point order: digits, then upper case, then lower case ("10" before "9")
        assertThat(task.batch(Split.TEST, 0, 5).labels()).containsExactly(0, 1, 2, 3, 4);
        assertThat(levels(task, Split.TEST)).containsExactly(40, 50, 20, 30, 10); // 10, 9, Apple, mango, zebra
        assertThat(LabelledFiles.list(dir.resolve("train")).classes()).containsExactly("10", "9", "Apple", "mango", "zebra");
    }

    @Test
    void validationIsHeldOutOfTrainInProportionToEachClassTheSameForEverySeed() {
        int[] sizes = {10, 5, 5};
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                onePixel("train/c" + c + "/" + i + ".png", 10 * c + i); // every image its own level
            }
            onePixel("test/c" + c + "/0.png", 200 + c);
        }
        Task task = TestImages.create("image-folder", dir, with("validation-size", "8"));
        assertThat(task.size(Split.TRAIN)).isEqualTo(12);
        assertThat(task.size(Split.VALIDATION)).isEqualTo(8);
        assertThat(countPerClass(task.batch(Split.VALIDATION, 0, 8).labels(), 3)).containsExactly(4, 2, 2);
        List<Integer> all = new ArrayList<>(levels(task, Split.TRAIN));
        all.addAll(levels(task, Split.VALIDATION));
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24);
        // the host's seed does not move the split
        Task otherSeed = TestImages.PLUGINS.tasks().get("image-folder").create(new TaskOptions(99, Optional.of(dir), with("validation-size", "8")));
        assertThat(levels(otherSeed, Split.VALIDATION)).containsExactlyElementsOf(levels(task, Split.VALIDATION));
        // by default a tenth of the training images
        assertThat(TestImages.create("image-folder", dir, GRAY).size(Split.VALIDATION)).isEqualTo(2);
        // a class's held-out images are a shuffle's pick (fixed seed), not simply its last files by name
        java.util.Set<Integer> heldOutOfFirstClass = new java.util.TreeSet<>(levels(task, Split.VALIDATION));
        heldOutOfFirstClass.removeIf(level -> level >= 10);
        assertThat(heldOutOfFirstClass).hasSize(4).isNotEqualTo(java.util.Set.of(6, 7, 8, 9));
    }

    @Test
    void holdOutOrderInterleavesClassesByRelativePosition() {
        int[] labels = {0, 0, 0, 0, 1, 1};
        int[] order = HoldOutOrder.of(labels, 2);
        int[] orderedLabels = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            orderedLabels[k] = labels[order[k]];
        }
        // positions (j + 1/2) / n: class 0 at 1/8, 3/8, 5/8, 7/8; class 1 at 1/4, 3/4
        assertThat(orderedLabels).containsExactly(0, 1, 0, 0, 1, 0);
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aValFolderIsTheValidationSplitAndThenValidationSizeIsRefused() {
        for (String split : List.of("train", "val", "test")) {
            onePixel(split + "/a/0.png", 1);
            onePixel(split + "/b/0.png", 2);
            onePixel(split + "/b/1.png", 3);
        }
        Task task = TestImages.create("image-folder", dir, GRAY);
        assertThat(task.size(Split.TRAIN)).isEqualTo(3);
        assertThat(task.size(Split.VALIDATION)).isEqualTo(3);
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, with("validation-size", "1")))
                .hasMessageContaining("validation-size").hasMessageContaining(dir.resolve("val").toString())
                .hasMessageContaining("is the validation split already");
        onePixel("validation/a/0.png", 1);
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, GRAY)).hasMessageContaining("both val/ and validation/");
    }

    @Test
    void hiddenFilesAreSkippedAndNestedFoldersBelongToTheirClass() {
        onePixel("train/a/0.png", 1);
        onePixel("train/a/more/1.png", 2);
        onePixel("train/b/0.png", 3);
        onePixel("test/a/0.png", 4);
        onePixel("test/b/0.png", 5);
        TestFiles.write(dir.resolve("train/a/.DS_Store"), new byte[] {1, 2, 3});
        TestFiles.write(dir.resolve("train/.hidden/x.txt"), "not a class");
        TestFiles.write(dir.resolve("test/b/.ipynb_checkpoints/0-checkpoint.txt"), "skipped");
        Task task = TestImages.create("image-folder", dir, with("validation-size", "0"));
        assertThat(task.output().numClasses()).isEqualTo(2);
        assertThat(levels(task, Split.TRAIN)).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void anEmptyClassFolderIsNamed() {
        twoClasses();
        TestFiles.write(dir.resolve("train/c/.keep"), "");
        TestFiles.write(dir.resolve("test/c/.keep"), "");
        assertRefused(dir.resolve("train/c") + ": is an empty class folder: it holds no .png, .jpg or .jpeg images");
    }

    @Test
    void classSetsThatDifferNameBothFolders() {
        twoClasses();
        onePixel("test/c/0.png", 1);
        assertRefused("Task 'image-folder': the class folders of " + dir.resolve("train") + " and " + dir.resolve("test")
                        + " differ: only in " + dir.resolve("train") + ": []; only in " + dir.resolve("test") + ": [c]");
    }

    @Test
    void filesThatAreNotImagesOrNotInAClassFolderAreRefused() throws java.io.IOException {
        twoClasses();
        TestFiles.write(dir.resolve("train/a/notes.txt"), "hello");
        assertRefused(dir.resolve("train/a/notes.txt") + ": is not a .png, .jpg or .jpeg file; a class folder holds only images");
        java.nio.file.Files.delete(dir.resolve("train/a/notes.txt"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("train/b/gone.png"), dir.resolve("nowhere.png"));
        assertRefused(dir.resolve("train/b/gone.png") + ": is not a regular file (a broken link, a device or a pipe?);"
                + " a class folder holds only image files");
        java.nio.file.Files.delete(dir.resolve("train/b/gone.png"));
        TestFiles.write(dir.resolve("test/labels.csv"), "a,b");
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, GRAY))
                .hasMessageStartingWith(dir.resolve("test/labels.csv") + ": is a file among the class folders");
    }

    @Test
    void theTenClassTasksNeedTenClassesAndAClassifierAtLeastTwo() {
        twoClasses();
        assertThatThrownBy(() -> TestImages.create("cifar10", dir, Map.of()))
                .hasMessage("Task 'cifar10': " + dir.resolve("train") + " has 2 class folder(s) [a, b], but the task has 10 classes"
                        + " (the task image-folder takes any number)");
        Path one = dir.resolve("one");
        TestImages.png(one.resolve("train/a/0.png"), TestImages.gray(1, 1, (x, y) -> 0));
        TestImages.png(one.resolve("test/a/0.png"), TestImages.gray(1, 1, (x, y) -> 0));
        assertThatThrownBy(() -> TestImages.create("image-folder", one, GRAY))
                .hasMessageContaining("has 1 class folder [a]; a classifier needs at least 2");
    }

    @Test
    void aDirectoryInNeitherLayoutSaysWhatWasExpected() {
        assertThatThrownBy(() -> TestImages.create("cifar10", dir, Map.of()))
                .hasMessageContaining("no data_batch_1.bin").hasMessageContaining("cifar-10-binary.tar.gz")
                .hasMessageContaining("Or image folders: " + dir.resolve("train") + "/<class>/<image>.png|.jpg and " + dir.resolve("test"));
        onePixel("train/a/0.png", 1);
        assertThatThrownBy(() -> TestImages.create("mnist", dir, Map.of()))
                .hasMessageContaining("no train-images-idx3-ubyte").hasMessageContaining("(" + dir + " has train/ but no test/)");
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, Map.of()))
                .hasMessageStartingWith("Task 'image-folder': " + dir + " is not in the image-folder layout. Expected: ")
                .hasMessageContaining("has train/ but no test/");
    }

    private void assertRefused(String message) {
        assertThatThrownBy(() -> TestImages.create("image-folder", dir, GRAY)).hasMessage(message);
    }

    private void twoClasses() {
        for (String split : List.of("train", "test")) {
            onePixel(split + "/a/0.png", 1);
            onePixel(split + "/b/0.png", 2);
        }
    }

    private void onePixel(String path, int level) {
        TestImages.png(dir.resolve(path), TestImages.gray(1, 1, (x, y) -> level));
    }

    private static List<Integer> levels(Task task, Split split) {
        float[] values = task.batch(split, 0, task.size(split)).values();
        List<Integer> levels = new ArrayList<>();
        for (float v : values) {
            levels.add(Math.round(v * 255));
        }
        return levels;
    }

    private static int[] countPerClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> props = new HashMap<>(GRAY);
        props.put(key, value);
        return props;
    }
}
