package org.fpt.tasks;

import java.io.BufferedInputStream;
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
    /** The largest byte array the JVM allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Below half of G1's smallest region (1 MB), so that no chunk needs a contiguous run of free regions. */
    private static final int READ_CHUNK = 256 * 1024;

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

    /** The task's data directory, made (with its parents) when missing, for a task that writes its data there. */
    static Path directoryToWrite(TaskOptions options, String task) {
        Path dir = options.requireDataDir(task);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("Task '" + task + "': cannot make data directory " + dir + ": " + e, e);
        }
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

    /** Deflate's best ratio is 1032:1; a gzip file cannot inflate to more than this many times its size. */
    static final long MAX_INFLATION = 1032;

    /** The file's content, gunzipped when it starts with the gzip magic bytes (so {@code .gz} is optional). */
    static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "is not a regular file (a directory, FIFO or device)");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (isGzip(in)) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }

    /** Whether the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return raw.read() == 0x1f && raw.read() == 0x8b;
        }
    }

    /**
     * The whole (inflated) content, within the file's {@link HeapBudget}. Read in chunks small enough for any free
     * corner of the heap, and copied into one array only once the whole size is known: a single array grown by
     * doubling needs, near the budget, one contiguous block of twice the content, which a gzip bomb's read could
     * fail to get, ending in an OutOfMemoryError instead of the error naming the file.
     */
    static byte[] readAll(Path file) {
        HeapBudget budget = HeapBudget.forFile(file);
        try (InputStream in = open(file)) {
            long cap = Math.min(MAX_ARRAY, budget.remaining());
            List<byte[]> chunks = new ArrayList<>();
            long total = 0;
            for (byte[] chunk = in.readNBytes(READ_CHUNK); chunk.length > 0; chunk = in.readNBytes(READ_CHUNK)) {
                if (total + chunk.length > cap) {
                    throw cap == MAX_ARRAY ? new DataFileException(file, "holds more than " + MAX_ARRAY + " bytes (inflated), more than one array holds")
                            : budget.exceeded("inflates to more than " + cap + " bytes");
                }
                chunks.add(chunk);
                total += chunk.length;
            }
            budget.charge(total, "its content");
            byte[] all = new byte[(int) total];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            return all;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** An I/O error as one line naming the file (a damaged gzip stream, a read error). */
    static DataFileException unreadable(Path file, IOException e) {
        boolean gzip = e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException;
        return new DataFileException(file, (gzip ? "is not a valid gzip file (" : "cannot be read (") + e.getMessage() + ")", e);
    }

    /** A UTF-8 reader over the file, gunzipped when it starts with the gzip magic bytes. */
    static java.io.BufferedReader textReader(Path file) throws IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(open(file), java.nio.charset.StandardCharsets.UTF_8));
    }

    static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
