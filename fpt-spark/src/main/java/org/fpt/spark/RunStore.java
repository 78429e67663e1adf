package org.fpt.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * An experiment's output directory on any Hadoop filesystem ({@code file:}, {@code hdfs:}, {@code s3a:}, ...), where
 * every write is atomic: the bytes go to a hidden temp file beside the target, which is then renamed over it. On a
 * local disk the rename is the system's (atomic replace; the raw filesystem, so no {@code .crc} side files that a
 * reader could see out of step); elsewhere it is {@link FileContext#rename} with {@code OVERWRITE} (one NameNode
 * operation on HDFS; on S3 a server-side copy, whose target also appears whole or not at all).
 */
final class RunStore {
    private final FileSystem fs;
    private final Path root;
    private final Configuration conf;

    private RunStore(FileSystem fs, Path root, Configuration conf) {
        this.fs = fs;
        this.root = root;
        this.conf = conf;
    }

    /** The store at {@code out}: a URI, or a local path (relative to the working directory). */
    static RunStore open(String out, Configuration conf) {
        try {
            Path root = new Path(out);
            FileSystem fs = root.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRawFileSystem();
            }
            return new RunStore(fs, fs.makeQualified(root), conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot open this filesystem: " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return relative.isEmpty() ? root : new Path(root, relative);
    }

    /** The local directory this store is, when it is on a local disk. */
    Optional<java.nio.file.Path> localDirectory() {
        return "file".equals(fs.getUri().getScheme()) ? Optional.of(java.nio.file.Path.of(root.toUri())) : Optional.empty();
    }

    FileSystem fileSystem() {
        return fs;
    }

    Optional<String> readText(String relative) {
        try (InputStream in = fs.open(path(relative))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path(relative) + ": " + e.getMessage(), e);
        }
    }

    void writeText(String relative, String text) {
        write(relative, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Copies a local file to {@code relative}, atomically. */
    void upload(java.nio.file.Path local, String relative) {
        write(relative, out -> Files.copy(local, out));
    }

    /** Copies {@code relative} to a local file (through a temp file there, so it is never half-copied either). */
    void download(String relative, java.nio.file.Path local) {
        org.fpt.io.AtomicFiles.write(local, out -> {
            try (InputStream in = fs.open(path(relative))) {
                in.transferTo(out);
            }
        });
    }

    /** File names directly under {@code relative}; none when it does not exist. */
    List<String> list(String relative) {
        return names(relative, FileStatus::isFile);
    }

    /** Directory names directly under {@code relative}; none when it does not exist. */
    List<String> listDirectories(String relative) {
        return names(relative, FileStatus::isDirectory);
    }

    private List<String> names(String relative, java.util.function.Predicate<FileStatus> kind) {
        try {
            return Arrays.stream(fs.listStatus(path(relative))).filter(kind).map(s -> s.getPath().getName()).sorted().toList();
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + path(relative) + ": " + e.getMessage(), e);
        }
    }

    void delete(String relative) {
        try {
            fs.delete(path(relative), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path(relative) + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code content} to a temp file beside {@code relative}, then renames it over the target. */
    void write(String relative, Content content) {
        Path target = path(relative);
        Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(temp, false)) {
                content.writeTo(out);
            }
            if ("file".equals(fs.getUri().getScheme())) {
                if (!fs.rename(temp, target)) {
                    throw new IOException("rename of " + temp + " failed");
                }
            } else {
                FileContext.getFileContext(fs.getUri(), conf).rename(temp, target, Options.Rename.OVERWRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                fs.delete(temp, false);
            } catch (IOException ignored) {
                // a leftover hidden temp file is harmless; the error above is the one to report
            }
        }
    }

    /** What a write writes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
