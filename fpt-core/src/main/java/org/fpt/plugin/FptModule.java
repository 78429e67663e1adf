package org.fpt.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import org.fpt.spi.Backend;
import org.fpt.spi.BodySource;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.Named;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.TaskFactory;

/**
 * Guice wiring on the host side: each registry fills a {@code Map<String, T>} binding, and the host picks
 * an implementation by a configured name (PolyBind style). Plugins themselves never see Guice.
 */
public final class FptModule extends AbstractModule {
    private final Plugins plugins;

    public FptModule(Plugins plugins) {
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        bind(Plugins.class).toInstance(plugins);
        bindAll(TaskFactory.class, plugins.tasks());
        bindAll(ModalityAdapter.class, plugins.adapters());
        bindAll(FreezingPolicy.class, plugins.policies());
        bindAll(Backend.class, plugins.backends());
        bindAll(BodySource.class, plugins.bodySources());
        bindAll(PeftMethod.class, plugins.peftMethods());
    }

    private <T extends Named> void bindAll(Class<T> type, PluginRegistry<T> registry) {
        MapBinder<String, T> map = MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), TypeLiteral.get(type));
        registry.all().forEach(plugin -> map.addBinding(plugin.name()).toInstance(plugin));
    }
}
