package org.fpt.plugin;

/** A plugin could not be found, or two claim one name. The message is meant for the user as it is. */
public final class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
