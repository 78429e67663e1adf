package org.fpt.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes that never leave a half-written file: write a temp file beside the target, then rename. */
public final class AtomicFiles {
    private static final Pattern TEMP_FILE = Pattern.compile("\\.(.+?)\\d+\\.tmp");

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /** Streams the content (e.g. a checkpoint larger than any array) into a temp file, then renames it. */
    public static void write(Path target, Content content) {
        write(target, content, temp -> { });
    }

    /**
     * Streams the content into a temp file, lets {@code finish} complete it in place (e.g. write a checksum
     * that is known only once everything is written), then renames it.
     */
    public static void write(Path target, Content content, Finish finish) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
                    content.writeTo(out);
                }
                finish.complete(temp);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code file} is a temp file that {@link #write} left behind (the process was killed mid-write)
     * for a target whose name {@code targetName} accepts. Temp files are {@code .<target name><digits>.tmp}.
     */
    public static boolean isLeftover(Path file, Predicate<String> targetName) {
        Matcher m = TEMP_FILE.matcher(file.getFileName().toString());
        return m.matches() && targetName.test(m.group(1));
    }

    /** What a streamed write writes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A last change to the complete temp file before it takes the target's name. */
    @FunctionalInterface
    public interface Finish {
        void complete(Path temp) throws IOException;
    }
}
