package org.fpt.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fpt.cli.grid.OutDirLock;

/**
 * One driver per experiment output. On a local disk it is the operating system's lock ({@link OutDirLock}, released
 * with the process). On a shared filesystem it is {@code OUT/.lock}, created only if absent (an atomic NameNode
 * operation on HDFS), holding who took it, and touched every {@code refresh} by the holder: a lock not touched for
 * {@code stale} is a dead driver's and is taken over. Either way, a second driver is refused in one line.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE = ".lock";
    private final AutoCloseable release;

    private StoreLock(AutoCloseable release) {
        this.release = release;
    }

    static StoreLock acquire(RunStore store, long refreshMillis, long staleMillis) {
        if (store.localDirectory().isPresent()) {
            return new StoreLock(OutDirLock.acquire(store.localDirectory().get()));
        }
        FileSystem fs = store.fileSystem();
        Path lock = store.path(FILE);
        try {
            fs.mkdirs(store.root());
            if (!create(fs, lock)) {
                long age = System.currentTimeMillis() - fs.getFileStatus(lock).getModificationTime();
                if (age < staleMillis) {
                    throw new IllegalStateException("Another fpt experiment is writing to " + store.root() + " (" + lock + " held by "
                            + holder(fs, lock) + ", refreshed " + age / 1000 + " s ago); wait for it to end or choose another --out");
                }
                fs.delete(lock, false); // a dead driver's: nobody refreshed it for longer than stale
                if (!create(fs, lock)) {
                    throw new IllegalStateException("Another fpt experiment took " + lock + " just now");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lock + ": " + e.getMessage(), e);
        }
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fpt-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                fs.setTimes(lock, System.currentTimeMillis(), -1);
            } catch (IOException e) {
                System.err.println("fpt: cannot refresh " + lock + ": " + e.getMessage());
            }
        }, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        return new StoreLock(() -> {
            heartbeat.shutdownNow();
            fs.delete(lock, false);
        });
    }

    /** Creates the lock file if absent; false if another holds it. */
    private static boolean create(FileSystem fs, Path lock) throws IOException {
        try (OutputStream out = fs.create(lock, false)) {
            out.write(ManagementFactory.getRuntimeMXBean().getName().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (org.apache.hadoop.ipc.RemoteException e) {
            if (e.unwrapRemoteException(FileAlreadyExistsException.class) instanceof FileAlreadyExistsException) {
                return false;
            }
            throw e;
        }
    }

    private static String holder(FileSystem fs, Path lock) {
        try (var in = fs.open(lock)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return "a driver that just ended";
        } catch (IOException e) {
            return "an unknown driver";
        }
    }

    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot release the experiment lock: " + e.getMessage(), e);
        }
    }
}
