package org.fpt.tasks;

import java.nio.file.Path;

/** A data file is missing or not in the expected format. The message names the file and what was expected. */
public final class DataFileException extends RuntimeException {
    private final transient Path file;

    public DataFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public DataFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
