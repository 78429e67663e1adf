package org.fpt.spi;

/**
 * A {@code -P key=value} task property the task does not have, or a value it cannot use. The message is one
 * line naming the task and the property, meant for the user as it is; the CLI treats it as a usage error
 * (exit 2), like a bad command-line option.
 */
public final class TaskPropertyException extends IllegalArgumentException {
    public TaskPropertyException(String message) {
        super(message);
    }
}
