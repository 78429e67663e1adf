package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.fpt.bodies.gpt2.Gpt2Source;
import org.fpt.model.FptModel;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.InputSpec;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.Named;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.ParameterPath.Role;
import org.fpt.spi.Task;
import org.fpt.spi.Task.Split;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/plugins.md is true as written: its plugin files compile against fpt-spi and DJL's api alone (its host
 * file against the host), and what it says they do, they do: the parameter paths and roles it documents are
 * the model's own, the policy trains what it says, a task picks its adapter by name.
 */
class PluginsDocTest {
    private static final String DOC = "docs/plugins.md";
    private static final Predicate<String> HOST_CODE = s -> s.contains("import org.fpt.plugin.") || s.contains("import org.fpt.train.");

    @TempDir
    Path work;

    @Test
    void everyJavaFileCompilesThePluginsAgainstTheSpiAlone() throws Exception {
        List<String> blocks = JavaSnippets.blocks(JavaSnippets.section(DOC, "# Writing a plugin"), "java");
        assertThat(blocks).filteredOn(s -> !s.startsWith("import ") && !s.startsWith("package ")).as("java blocks that are not whole files").isEmpty();
        List<String> host = blocks.stream().filter(HOST_CODE).toList();
        assertThat(host).hasSize(1);
        JavaSnippets.compile(work, host, System.getProperty("java.class.path"));
        assertThat(pluginClasses()).isDirectory();
    }

    @Test
    void theDocumentedParameterPathsAndRolesAreTheModelsOwn() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginClasses().toUri().toURL()}, getClass().getClassLoader())) {
            ModalityAdapter mlp = create(loader, "org.acme.fpt.MlpAdapter", ModalityAdapter.class);
            Body body = new Gpt2Source().create("gpt2-tiny", Init.RANDOM);
            int width = body.info().hiddenSize();
            InputSpec input = InputSpec.values(4, 3);
            OutputSpec output = OutputSpec.classifier(2);
            Block inputLayer = mlp.inputLayer(input, width);
            Map<String, ParameterPath> paths = new FptModel(input, output, inputLayer, body, mlp.outputHead(width, output)).parameters()
                    .keySet().stream().collect(Collectors.toMap(ParameterPath::dotted, p -> p));
            Map<String, Role> roles = paths.values().stream().collect(Collectors.toMap(ParameterPath::dotted, ParameterPath::role));

            assertThat(withRole(roles, Role.INPUT)).containsExactlyInAnyOrder("in.hidden.weight", "in.hidden.bias", "in.project.weight", "in.project.bias");
            assertThat(withRole(roles, Role.OUTPUT)).containsExactlyInAnyOrder("out.weight", "out.bias");
            assertThat(roles).containsEntry("body.h.0.attn.c_attn.weight", Role.ATTENTION).containsEntry("body.wpe.weight", Role.POSITION);

            FreezingPolicy fpt = Plugins.load(getClass().getClassLoader()).policies().get("fpt");
            FreezingPolicy adapterOnly = create(loader, "org.acme.fpt.AdapterOnlyPolicy", FreezingPolicy.class);
            assertThat(trained(fpt, paths)).containsAll(withRole(roles, Role.INPUT));
            assertThat(trained(adapterOnly, paths)).containsExactlyInAnyOrderElementsOf(
                    roles.keySet().stream().filter(p -> p.startsWith("in.") || p.startsWith("out.")).toList());

            Class<?> mlpTask = loader.loadClass("org.acme.fpt.MlpInputTask");
            InvocationHandler defaultsOnly = (proxy, method, args) -> InvocationHandler.invokeDefault(proxy, method, args);
            assertThat(((Task) Proxy.newProxyInstance(loader, new Class<?>[] {mlpTask}, defaultsOnly)).inputAdapter()).isEqualTo(mlp.name());
        }
    }

    @Test
    void theDocumentedFactoryMakesAParityTaskWithAFixedTestSet() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginClasses().toUri().toURL()}, getClass().getClassLoader())) {
            TaskFactory factory = create(loader, "org.acme.fpt.ParityTaskFactory", TaskFactory.class);
            Task task = factory.create(new TaskOptions(7, Optional.empty(), Map.of("length", "5")));
            assertThat(task.inputAdapter()).isEqualTo("embedding");
            assertThat(task.size(Split.TEST)).isEqualTo(512);
            assertThat(task.size(Split.TRAIN)).isZero();
            Batch batch = task.batch(Split.TEST, 10, 20);
            assertThat(batch.size()).isEqualTo(10);
            for (int example = 0; example < batch.size(); example++) {
                int ones = 0;
                for (int t = 0; t < 5; t++) {
                    ones += batch.ids()[example * 5 + t] - 1;
                }
                assertThat(batch.labels()[example]).as("parity of example " + example).isEqualTo(ones % 2);
            }
            assertThat(task.batch(Split.TEST, 10, 20).labels()).isEqualTo(batch.labels());
        }
    }

    /** The doc's plugin files, compiled with fpt-spi and DJL's api as the only libraries. */
    private Path pluginClasses() throws Exception {
        List<String> plugins = JavaSnippets.blocks(JavaSnippets.section(DOC, "# Writing a plugin"), "java").stream()
                .filter(HOST_CODE.negate()).toList();
        assertThat(plugins).hasSizeGreaterThanOrEqualTo(4);
        return JavaSnippets.compile(work, plugins, JavaSnippets.classpathOf(Named.class, Block.class));
    }

    private static <T> T create(ClassLoader loader, String name, Class<T> type) throws ReflectiveOperationException {
        return type.cast(loader.loadClass(name).getConstructor().newInstance());
    }

    private static List<String> withRole(Map<String, Role> roles, Role role) {
        return roles.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey).toList();
    }

    private static List<String> trained(FreezingPolicy policy, Map<String, ParameterPath> paths) {
        return paths.values().stream().filter(policy::trains).map(ParameterPath::dotted).toList();
    }
}
