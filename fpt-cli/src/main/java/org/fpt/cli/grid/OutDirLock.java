package org.fpt.cli.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One experiment driver per output directory: an operating-system lock on {@code DIR/.lock}, so a second
 * {@code fpt experiment} on the same {@code --out} is refused while the first lives, and a killed driver leaves
 * no stale lock (the system releases it with the process).
 */
public final class OutDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private OutDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir} (creating it), or refuses naming the directory. */
    public static OutDirLock acquire(Path dir) {
        Path file = dir.resolve(".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("Another fpt experiment is writing to " + dir + " (it holds " + file
                        + "); wait for it to end or choose another --out");
            }
            return new OutDirLock(channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by this very process
            return null;
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open failed already; that error is the one reported
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release " + lock, e);
        }
    }
}
