package org.fpt.tasks;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How much memory one data file's examples may take: a quarter of the JVM's maximum heap ({@code -Xmx}).
 * Readers charge what they keep (before allocating it, where a header says how much); past the limit the
 * read stops with an error naming the file, instead of the JVM running out of memory halfway through a
 * file that is far larger than it claims or than this JVM can hold (a gzip "bomb" inflating 1000-fold).
 */
final class HeapBudget {
    private static final int SHARE = 4;

    private final Path file;
    private final long limit;
    private long used;

    private HeapBudget(Path file, long limit) {
        this.file = file;
        this.limit = limit;
    }

    static HeapBudget forFile(Path file) {
        return new HeapBudget(file, Runtime.getRuntime().maxMemory() / SHARE);
    }

    long remaining() {
        return limit - used;
    }

    /** Charges {@code bytes} for {@code what}; fails, naming the file, once the budget is spent. */
    void charge(long bytes, String what) {
        if (bytes > remaining()) {
            throw exceeded(what + " would take " + megabytes(used + bytes));
        }
        used += bytes;
    }

    DataFileException exceeded(String what) {
        return new DataFileException(file, String.format(Locale.ROOT, "%s, more than a data file may take here: %s, a quarter of "
                + "this JVM's maximum heap; give Java more memory (e.g. FPT_JAVA_OPTS=-Xmx8g) or use a smaller file",
                what, megabytes(limit)));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
