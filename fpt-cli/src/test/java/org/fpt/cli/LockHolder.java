package org.fpt.cli;

import java.nio.file.Path;
import org.fpt.cli.grid.OutDirLock;

/** A second process for lock tests: takes the lock of {@code args[0]}, says "locked", holds it until stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (OutDirLock lock = OutDirLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
