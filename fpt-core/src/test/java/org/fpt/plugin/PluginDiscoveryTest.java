package org.fpt.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fpt.bodies.gpt2.Gpt2Source;
import org.fpt.bodies.lstm.LstmSource;
import org.fpt.spi.BodySource;
import org.fpt.spi.FreezingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery is loud: every mistake a plugin jar can make in its services file, two versions of one plugin,
 * and two body sources claiming one body are one-line errors naming the jars and classes. Each case is a
 * real jar (javac against fpt-spi, then a jar) on a plugin path, loaded the way the host loads it.
 */
class PluginDiscoveryTest {
    private static final String POLICIES = "META-INF/services/" + FreezingPolicy.class.getName();
    private static final String ACME_POLICY = """
            package acme;
            import org.fpt.spi.FreezingPolicy;
            import org.fpt.spi.ParameterPath;
            public final class AcmePolicy implements FreezingPolicy {
                public String name() { return "acme"; }
                public boolean trains(ParameterPath parameter) { return true; }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aWorkingPluginJarIsFound() throws IOException {
        Path jar = PluginJars.build(dir.resolve("acme.jar"), Map.of("acme.AcmePolicy", ACME_POLICY),
                Map.of(FreezingPolicy.class, "# the acme policy\nacme.AcmePolicy   # trains everything\n"));
        FreezingPolicy policy = load(jar).policies().get("acme");
        assertThat(PluginRegistry.origin(policy)).isEqualTo("acme.jar");
    }

    @Test
    void aServicesFileNamingAMissingClassIsOneLineNamingTheJarAndTheClass() throws IOException {
        Path jar = PluginJars.build(dir.resolve("broken.jar"), Map.of(), Map.of(FreezingPolicy.class, "acme.Missing\n"));
        assertThatThrownBy(() -> load(jar)).isInstanceOf(PluginException.class).hasMessage(
                "Plugin jar " + jar + ": " + POLICIES + " lists acme.Missing, a class that is in no jar on the class path or plugin path");
    }

    @Test
    void aListedClassThatIsNotThePluginKindIsOneLineNamingTheJarAndTheClass() throws IOException {
        Path jar = PluginJars.build(dir.resolve("wrong.jar"),
                Map.of("acme.NotAPolicy", "package acme; public final class NotAPolicy { }"),
                Map.of(FreezingPolicy.class, "acme.NotAPolicy\n"));
        assertThatThrownBy(() -> load(jar)).isInstanceOf(PluginException.class).hasMessage(
                "Plugin jar " + jar + ": " + POLICIES + " lists acme.NotAPolicy, which does not implement " + FreezingPolicy.class.getName());
    }

    @Test
    void aListedClassServiceLoaderCannotCreateIsNamedWithItsJar() throws IOException {
        String hidden = ACME_POLICY.replace("{\n    public String name", "{\n    private AcmePolicy() { }\n    public String name");
        Path noConstructor = PluginJars.build(dir.resolve("private.jar"), Map.of("acme.AcmePolicy", hidden),
                Map.of(FreezingPolicy.class, "acme.AcmePolicy"));
        assertThatThrownBy(() -> load(noConstructor)).isInstanceOf(PluginException.class).hasMessage("Plugin jar " + noConstructor
                + ": " + POLICIES + " lists acme.AcmePolicy, which is not a public class with a public no-argument constructor");

        Path badName = PluginJars.build(dir.resolve("typo.jar"), Map.of(), Map.of(FreezingPolicy.class, "acme.Acme Policy"));
        assertThatThrownBy(() -> load(badName)).isInstanceOf(PluginException.class)
                .hasMessage("Plugin jar " + badName + ": " + POLICIES + " lists 'acme.Acme Policy', which is not a class name");
    }

    @Test
    void aPluginWhoseConstructorThrowsIsNamedWithItsJarAndTheCause() throws IOException {
        String throwing = ACME_POLICY.replace("{\n    public String name",
                "{\n    public AcmePolicy() { throw new IllegalStateException(\"no licence file\"); }\n    public String name");
        Path jar = PluginJars.build(dir.resolve("throws.jar"), Map.of("acme.AcmePolicy", throwing),
                Map.of(FreezingPolicy.class, "acme.AcmePolicy"));
        assertThatThrownBy(() -> load(jar)).isInstanceOf(PluginException.class).hasMessage(
                "Plugin class acme.AcmePolicy (in " + jar + ") could not be created: java.lang.IllegalStateException: no licence file");
    }

    @Test
    void theSamePluginClassFromTwoJarsIsAnErrorNamingBothJars() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Path older = PluginJars.build(plugins.resolve("acme-1.0.jar"), Map.of("acme.AcmePolicy", ACME_POLICY),
                Map.of(FreezingPolicy.class, "acme.AcmePolicy"));
        Path newer = PluginJars.build(plugins.resolve("acme-1.1.jar"), Map.of("acme.AcmePolicy", ACME_POLICY.replace("true", "false")),
                Map.of(FreezingPolicy.class, "acme.AcmePolicy"));
        assertThatThrownBy(() -> load(plugins)).isInstanceOf(PluginException.class).hasMessage("Plugin class acme.AcmePolicy is in two jars: "
                + older + " and " + newer + " (two versions of one plugin?); keep one of them on the plugin path");
    }

    @Test
    void aBodyNameTwoSourcesOfferIsAnErrorNamingBothSourcesAndJars() throws IOException {
        Path jar = PluginJars.build(dir.resolve("acme-bodies.jar"), Map.of("acme.AcmeBodies", bodySource("\"gpt2-tiny\"", "false")),
                Map.of(BodySource.class, "acme.AcmeBodies"));
        assertThatThrownBy(() -> load(jar)).isInstanceOf(PluginException.class).hasMessage("Body 'gpt2-tiny' is offered by two body sources: "
                + "'acme-bodies' (acme.AcmeBodies in " + jar + ") and 'gpt2' (" + Gpt2Source.class.getName() + " in "
                + classDirectory(Gpt2Source.class) + "); remove one of their jars");
    }

    @Test
    void aBodySpecTwoSourcesAcceptIsAnErrorWhenAsked() throws IOException {
        // acme lists only its own name, but its pattern also takes the LSTM baseline's lstm-<width> names
        Path jar = PluginJars.build(dir.resolve("acme-rnn.jar"),
                Map.of("acme.AcmeBodies", bodySource("\"acme-rnn\"", "spec.startsWith(\"lstm-\")")),
                Map.of(BodySource.class, "acme.AcmeBodies"));
        Plugins plugins = load(jar);
        assertThat(plugins.bodySourceFor("acme-rnn").name()).isEqualTo("acme-bodies");
        assertThat(plugins.bodySourceFor("lstm")).isInstanceOf(LstmSource.class);
        assertThatThrownBy(() -> plugins.bodySourceFor("lstm-64")).isInstanceOf(PluginException.class).hasMessage(
                "Body 'lstm-64' is offered by two body sources: 'acme-bodies' (acme.AcmeBodies in " + jar + ") and 'lstm' ("
                        + LstmSource.class.getName() + " in " + classDirectory(LstmSource.class) + "); remove one of their jars");
    }

    /** A body source plugin listing {@code bodyName} that also accepts what {@code alsoAccepts} (Java over {@code spec}) says. */
    private static String bodySource(String bodyName, String alsoAccepts) {
        return """
                package acme;
                import java.util.List;
                import org.fpt.spi.Body;
                import org.fpt.spi.BodyInfo;
                import org.fpt.spi.BodySource;
                public final class AcmeBodies implements BodySource {
                    public String name() { return "acme-bodies"; }
                    public List<BodyInfo> bodies() { return List.of(new BodyInfo(NAME, "acme", 2, 64, 2, 100_000L, "random init")); }
                    public boolean accepts(String spec) { return spec.equals(NAME) || ALSO; }
                    public Body create(String spec, Init init) { throw new UnsupportedOperationException("not in this test"); }
                }
                """.replace("NAME", bodyName).replace("ALSO", alsoAccepts);
    }

    /** Where the host loaded a built-in class from (fpt-core's classes), as the error should name it. */
    private static Path classDirectory(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Plugins load(Path pluginPath) {
        return Plugins.load(PluginPath.classLoader(pluginPath.toString(), getClass().getClassLoader()));
    }
}
