package org.fpt.tasks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.fpt.spi.TaskOptions;

/** Finding and reading a task's files in {@code --data-dir}; every error names the file or directory. */
final class DataFiles {
    private DataFiles() {
    }

    /** The task's data directory; it must exist. */
    static Path directory(TaskOptions options, String task) {
        Path dir = options.requireDataDir(task);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Task '" + task + "': data directory " + dir + " does not exist or is not a directory");
        }
        return dir;
    }

    /**
     * The file {@code name} (or {@code name.gz}) in {@code dir} or in one of its {@code subdirs} (e.g. the
     * folder an archive unpacks to); the error lists where it looked and how to get the data.
     */
    static Path find(Path dir, String task, String name, String howToGet, String... subdirs) {
        List<Path> tried = new ArrayList<>();
        List<Path> folders = new ArrayList<>(List.of(dir));
        for (String sub : subdirs) {
            folders.add(dir.resolve(sub));
        }
        for (Path folder : folders) {
            for (String candidate : List.of(name, name + ".gz")) {
                Path file = folder.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    return file;
                }
                tried.add(file);
            }
        }
        throw new IllegalArgumentException("Task '" + task + "': no " + name + " (or " + name + ".gz) in " + dir
                + (isEmpty(dir) ? " (the directory is empty)" : "") + ". Looked for " + tried + ". " + howToGet);
    }

    /** The whole file, gunzipped when it starts with the gzip magic bytes (so {@code .gz} is optional). */
    static byte[] readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] raw = in.readAllBytes();
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
                    gz.transferTo(out);
                    return out.toByteArray();
                } catch (IOException e) {
                    throw new DataFileException(file, "is not a valid gzip file (" + e.getMessage() + ")", e);
                }
            }
            return raw;
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read (" + e + ")", e);
        }
    }

    /** A UTF-8 reader over the file, gunzipped when it starts with the gzip magic bytes. */
    static java.io.BufferedReader textReader(Path file) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream content = gzip ? new GZIPInputStream(in) : in;
        return new java.io.BufferedReader(new java.io.InputStreamReader(content, java.nio.charset.StandardCharsets.UTF_8));
    }

    static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
