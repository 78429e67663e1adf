package org.fpt.backend.pytorch;

/** Test help: a garbage collection after which unreachable direct buffers have been freed. */
final class DirectBuffers {
    private DirectBuffers() {
    }

    static void collectAndFree() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50); // the buffers' cleaners run on the reference-handler thread, after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
