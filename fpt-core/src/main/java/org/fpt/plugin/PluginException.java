package org.fpt.plugin;

/** A plugin could not be found, or two claim one name. The message is meant for the user as it is. */
public final class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }

    /** {@code cause} is kept for {@code --verbose}; the message alone must still say what is wrong. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
