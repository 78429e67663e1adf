package org.fpt.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.fpt.plugin.FptModule;
import org.fpt.plugin.PluginPath;
import org.fpt.plugin.Plugins;

/**
 * Builds the host: plugins from the CLI's own classpath plus the plugin path ({@code --plugin-path}, else
 * {@code FPT_PLUGIN_PATH}), wired with Guice.
 */
final class Host {
    private static volatile String pluginPath;

    private Host() {
    }

    /** Set by {@code --plugin-path}; {@code null} falls back to {@code FPT_PLUGIN_PATH}. */
    static void usePluginPath(String path) {
        pluginPath = path;
    }

    /** The plugin path in force: {@code --plugin-path}, else {@code FPT_PLUGIN_PATH}, if either is set. */
    static java.util.Optional<String> pluginPath() {
        return java.util.Optional.ofNullable(pluginPath != null ? pluginPath : System.getenv(PluginPath.ENVIRONMENT));
    }

    /**
     * For "No task 'x'. Available: ..." when no plugin path is set: a plugin author's jar is then not looked at, which
     * the list of names alone does not say. Empty for any other error.
     */
    static String noPluginPathHint(Throwable e) {
        boolean unknownName = e instanceof org.fpt.plugin.PluginException && String.valueOf(e.getMessage()).startsWith("No ");
        return unknownName && pluginPath().isEmpty() ? " (no plugin path is set: --plugin-path or FPT_PLUGIN_PATH adds plugins)" : "";
    }

    static Injector injector() {
        ClassLoader own = Host.class.getClassLoader();
        ClassLoader loader = pluginPath == null ? PluginPath.fromEnvironment(own) : PluginPath.classLoader(pluginPath, own);
        return Guice.createInjector(new FptModule(Plugins.load(loader)));
    }
}
