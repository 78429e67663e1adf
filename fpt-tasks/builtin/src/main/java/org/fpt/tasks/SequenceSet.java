package org.fpt.tasks;

/**
 * Labelled id sequences of varying length (ids from 1; 0 is padding). Ids are kept as bytes (every
 * vocabulary here is small), which keeps LRA's 96000 ListOps sequences at ~100 MB rather than ~400 MB.
 * {@code source} names the file.
 */
record SequenceSet(String source, byte[][] sequences, int[] labels) {
    SequenceSet {
        if (sequences.length != labels.length) {
            throw new IllegalArgumentException(source + ": " + sequences.length + " sequences but " + labels.length + " labels");
        }
    }

    int count() {
        return labels.length;
    }
}
