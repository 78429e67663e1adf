package org.fpt.fuzz;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.file.Path;
import java.util.ConcurrentModificationException;
import java.util.List;

/**
 * How one fuzz case ended. Clean: a read (the damage left a valid file, or one the format cannot tell from
 * valid), or a refusal whose message is one line naming the damaged file. Anything else is not clean: a
 * message without the file, on several lines or missing, an exception type that only a bug throws, an
 * altered file accepted where the format promises to notice, a read returning what no valid file holds, an {@link Error} (out of memory, stack
 * overflow), or a case still running at the timeout.
 */
record Outcome(Kind kind, String detail) {
    enum Kind {
        READ(true), REFUSED(true),
        NOT_NAMED(false), MULTI_LINE(false), NO_MESSAGE(false), BUG_TYPE(false), ACCEPTED_ALTERED(false), ACCEPTED_INVALID(false),
        OUT_OF_MEMORY(false), STACK_OVERFLOW(false), ERROR(false), HANG(false);

        final boolean clean;

        Kind(boolean clean) {
            this.clean = clean;
        }
    }

    /** Exception types that mean the reader walked into its own mistake, whatever the message says. */
    private static final List<Class<? extends Throwable>> BUG_TYPES = List.of(NullPointerException.class,
            IndexOutOfBoundsException.class, ClassCastException.class, ArithmeticException.class,
            NegativeArraySizeException.class, BufferUnderflowException.class, BufferOverflowException.class,
            UnsupportedOperationException.class, ConcurrentModificationException.class, ArrayStoreException.class);

    /** One line of at most 240 characters, line breaks shown as \\n. */
    private static String shorten(String message) {
        String one = message.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() <= 240 ? one : one.substring(0, 240) + "... (" + one.length() + " characters)";
    }

    static Outcome read() {
        return new Outcome(Kind.READ, "");
    }

    static Outcome hang(long seconds) {
        return new Outcome(Kind.HANG, "still running after " + seconds + " s");
    }

    static Outcome acceptedAltered() {
        return new Outcome(Kind.ACCEPTED_ALTERED, "an altered file was read as if intact");
    }

    /** Judges a refusal: {@code damaged} is the file the case changed, which the message must name. */
    static Outcome of(Throwable t, Path damaged) {
        String type = t.getClass().getName();
        if (t instanceof InvalidAccepted) {
            return new Outcome(Kind.ACCEPTED_INVALID, t.getMessage());
        }
        if (t instanceof OutOfMemoryError) {
            return new Outcome(Kind.OUT_OF_MEMORY, type + ": " + t.getMessage());
        }
        if (t instanceof StackOverflowError) {
            return new Outcome(Kind.STACK_OVERFLOW, type);
        }
        if (t instanceof Error) {
            return new Outcome(Kind.ERROR, type + ": " + t.getMessage());
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return new Outcome(Kind.NO_MESSAGE, type);
        }
        String shown = t.getClass().getSimpleName() + ": " + shorten(message.replace(damaged.getParent().toString(), "DIR"));
        if (BUG_TYPES.stream().anyMatch(c -> c.isInstance(t))) {
            return new Outcome(Kind.BUG_TYPE, shown);
        }
        if (message.contains("\n") || message.contains("\r")) {
            return new Outcome(Kind.MULTI_LINE, shown);
        }
        if (!message.contains(damaged.getFileName().toString())) {
            return new Outcome(Kind.NOT_NAMED, shown);
        }
        return new Outcome(Kind.REFUSED, shown);
    }
}
