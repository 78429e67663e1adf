package org.fpt.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.fpt.plugin.FptModule;
import org.fpt.plugin.Plugins;

/** Builds the host: plugins from the classpath, wired with Guice. */
final class Host {
    private Host() {
    }

    static Injector injector() {
        return Guice.createInjector(new FptModule(Plugins.load(Host.class.getClassLoader())));
    }
}
