package org.fpt.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The image files of one split folder ({@code train/}, {@code test/} ...) and their labels: one sub-folder
 * per class, the class's images anywhere below it (torchvision's {@code ImageFolder} layout). Classes are
 * the folder names sorted by Unicode code point (Python's {@code sorted()}, so label {@code k} means the
 * same class as in torchvision); within a class, files are sorted by their path below the class folder.
 * Names starting with a dot ({@code .DS_Store}, {@code .ipynb_checkpoints}) are skipped; any other file
 * that is not {@code .png}, {@code .jpg} or {@code .jpeg} is refused rather than silently left out.
 */
record LabelledFiles(Path dir, List<String> classes, List<Path> files, int[] labels) {
    static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    int count() {
        return files.size();
    }

    static LabelledFiles list(Path dir) {
        List<String> classes = new ArrayList<>();
        for (Path entry : sortedEntries(dir)) {
            if (Files.isDirectory(entry)) {
                classes.add(entry.getFileName().toString());
            } else {
                throw new DataFileException(entry, "is a file among the class folders; " + dir.getFileName()
                        + "/ must hold only one folder per class (" + dir.getFileName() + "/<class>/<image>.png|.jpg)");
            }
        }
        if (classes.isEmpty()) {
            throw new DataFileException(dir, "holds no class folders; expected " + dir.getFileName() + "/<class>/<image>.png|.jpg");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            List<Path> images = images(dir.resolve(classes.get(label)));
            files.addAll(images);
            for (int i = 0; i < images.size(); i++) {
                labels.add(label);
            }
        }
        return new LabelledFiles(dir, List.copyOf(classes), List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The same files in another order ({@code order[k]} is the index of the file that goes to place k). */
    LabelledFiles reorder(int[] order) {
        List<Path> reordered = new ArrayList<>(order.length);
        int[] relabelled = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            reordered.add(files.get(order[k]));
            relabelled[k] = labels[order[k]];
        }
        return new LabelledFiles(dir, classes, List.copyOf(reordered), relabelled);
    }

    /** Files {@code [from, to)} (e.g. the held-out validation images). */
    LabelledFiles range(int from, int to) {
        return new LabelledFiles(dir, classes, files.subList(from, to),
                Arrays.copyOfRange(labels, from, to));
    }

    /** Refuses a split whose class folders are not the same as {@code reference}'s, naming both folders. */
    void requireClassesOf(LabelledFiles reference, String task) {
        if (!classes.equals(reference.classes)) {
            List<String> missing = new ArrayList<>(reference.classes);
            missing.removeAll(classes);
            List<String> extra = new ArrayList<>(classes);
            extra.removeAll(reference.classes);
            throw new IllegalArgumentException("Task '" + task + "': the class folders of " + reference.dir + " and " + dir
                    + " differ: only in " + reference.dir + ": " + missing + "; only in " + dir + ": " + extra);
        }
    }

    private static List<Path> images(Path classDir) {
        List<Path> found;
        // Files.find hands over the attributes it has read, so each file is looked at once (60,000 files in CIFAR-10)
        try (Stream<Path> walk = Files.find(classDir, Integer.MAX_VALUE, (path, attributes) -> !attributes.isDirectory()
                && !hidden(classDir, path) && checked(path, attributes), FileVisitOption.FOLLOW_LINKS)) {
            found = walk.toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataFileException(classDir, "cannot be listed (" + e.getMessage() + ")", e);
        }
        if (found.isEmpty()) {
            throw new DataFileException(classDir, "is an empty class folder: it holds no .png, .jpg or .jpeg images");
        }
        String[] keys = new String[found.size()];
        Integer[] order = new Integer[found.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = classDir.relativize(found.get(i)).toString();
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> CODE_POINT_ORDER.compare(keys[a], keys[b]));
        List<Path> sorted = new ArrayList<>(keys.length);
        for (Integer i : order) {
            sorted.add(found.get(i));
        }
        return sorted;
    }

    /** A file below a class folder must be a regular file (not a broken link or a pipe) named as an image. */
    private static boolean checked(Path file, BasicFileAttributes attributes) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (name.indexOf('.') < 0 || !EXTENSIONS.contains(extension)) {
            throw new DataFileException(file, "is not a .png, .jpg or .jpeg file; a class folder holds only images");
        }
        if (!attributes.isRegularFile()) {
            throw new DataFileException(file, "is not a regular file (a broken link, a device or a pipe?); a class folder holds only image files");
        }
        return true;
    }

    /** Whether a name on the way from the class folder to {@code path} starts with a dot. */
    private static boolean hidden(Path classDir, Path path) {
        for (Path part : classDir.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> sortedEntries(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(entry -> entry.getFileName().toString(), CODE_POINT_ORDER))
                    .toList();
        } catch (IOException e) {
            throw new DataFileException(dir, "cannot be listed (" + e.getMessage() + ")", e);
        }
    }
}
