package org.fpt.cli;

import java.util.function.Supplier;

/**
 * A file the user gave (an experiment spec, a {@code --config} file) refused for what it holds: a usage error like
 * a bad option (exit 2), printed as its one line, which names the file and the key. Unlike an option's error it
 * is not followed by "Try --help": the help lists options, not the file's keys.
 */
final class InputFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InputFileException(String message) {
        super(message);
    }

    InputFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What {@code read} makes of a file whose every refusal already names the file and key: a refusal becomes this exception. */
    static <T> T reading(Supplier<T> read) {
        return OptionChecks.refusing(read, e -> e instanceof InputFileException ? e : new InputFileException(e.getMessage(), e));
    }
}
