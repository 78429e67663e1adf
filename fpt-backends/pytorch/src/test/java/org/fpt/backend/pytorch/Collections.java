package org.fpt.backend.pytorch;

/** Test help: a garbage collection whose direct buffers are freed by the time it returns. */
final class Collections {
    private Collections() {
    }

    static void collectAndFreeBuffers() {
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
