package org.fpt.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    /** Two policy classes that claim the same name, as two careless plugin jars might. */
    public static final class ClashA implements FreezingPolicy {
        @Override
        public String name() {
            return "clash";
        }

        @Override
        public boolean trains(ParameterPath parameter) {
            return true;
        }
    }

    public static final class ClashB implements FreezingPolicy {
        @Override
        public String name() {
            return "clash";
        }

        @Override
        public boolean trains(ParameterPath parameter) {
            return false;
        }
    }

    @Test
    void serviceLoaderFindsTheBuiltInPlugins() {
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        assertThat(plugins.policies().names()).contains("fpt", "full");
        assertThat(plugins.adapters().names()).contains("linear", "embedding");
        assertThat(plugins.bodyNames()).contains("gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "gpt2-tiny");
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        Plugins plugins = Plugins.load(getClass().getClassLoader());
        assertThatThrownBy(() -> plugins.policies().get("nope"))
                .isInstanceOf(PluginException.class)
                .hasMessage("No policy 'nope'. Available: " + String.join(", ", plugins.policies().names()));
        assertThatThrownBy(() -> plugins.bodySourceFor("nope"))
                .hasMessageStartingWith("No body 'nope'. Available: gpt2, gpt2-large, gpt2-medium");
    }

    @Test
    void duplicateNameThroughServiceLoaderNamesBothClassesAndJars(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(FreezingPolicy.class.getName()),
                ClashA.class.getName() + "\n" + ClashB.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            String origin = PluginRegistry.origin(new ClashA());
            assertThatThrownBy(() -> PluginRegistry.load("policy", FreezingPolicy.class, loader))
                    .isInstanceOf(PluginException.class)
                    .hasMessage("Duplicate policy 'clash': " + ClashA.class.getName() + " (" + origin + ") and "
                            + ClashB.class.getName() + " (" + origin + ")");
        }
    }

    @Test
    void originNamesTheJarOrDirectory() {
        assertThat(PluginRegistry.origin("a string")).isNotBlank();
        assertThat(PluginRegistry.origin(new ClashA())).isEqualTo("test-classes");
    }
}
