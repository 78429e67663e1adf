package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.plugin.PluginPath;
import org.fpt.plugin.Plugins;
import org.fpt.spi.TaskFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second outside plugin (src/test/resources/second-plugin): a task, its own two-layer input adapter built the
 * plain DJL way ({@code Linear -> GELU -> Linear}), a freezing policy and a PEFT method, compiled against fpt-spi
 * and DJL's api alone, packed into a jar with its services files, and used through {@code --plugin-path} as a
 * user would: {@code fpt plugins} lists it and {@code fpt train} trains with each of its policies.
 */
class SecondPluginTest {
    private static final Path PLUGIN = Path.of("src/test/resources/second-plugin");
    private static final String[] TRAIN = {"train", "--task", "sign", "--body", "gpt2-tiny", "--init", "random", "--steps", "5",
            "--batch-size", "4", "--eval-every", "5"};
    // the task's shapes, as SignTask and TwoLayerAdapter declare them
    private static final int TOKENS_VALUE_DIM = 3;
    private static final int ADAPTER_MIDDLE = 16;
    private static final int CLASSES = 2;

    @TempDir
    static Path work;
    static Path pluginDir;

    @BeforeAll
    static void buildThePluginJar() throws IOException {
        pluginDir = Files.createDirectory(work.resolve("plugins"));
        List<String> sources;
        try (Stream<Path> walk = Files.walk(PLUGIN.resolve("src"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().map(SecondPluginTest::read).toList();
        }
        assertThat(sources).as("plugin sources in " + PLUGIN.toAbsolutePath()).hasSize(5);
        // fpt-spi and DJL's api only: nothing of the host is visible to the plugin's compiler
        Path classes = JavaSnippets.compile(work, sources, JavaSnippets.classpathOf(TaskFactory.class, Block.class));
        try (OutputStream file = Files.newOutputStream(pluginDir.resolve("second-plugin.jar")); JarOutputStream out = new JarOutputStream(file)) {
            addTree(out, classes);
            addTree(out, PLUGIN.resolve("resources"));
        }
    }

    @Test
    void theHostLoadsEveryExtensionOfTheJarFromThePluginPath() {
        Plugins plugins = Plugins.load(PluginPath.classLoader(pluginDir.toString(), getClass().getClassLoader()));
        assertThat(plugins.tasks().names()).contains("sign", "bit-xor");
        assertThat(plugins.adapters().names()).contains("two-layer", "linear");
        assertThat(plugins.policies().names()).contains("adapter-and-head", "fpt");
        assertThat(plugins.peftMethods().names()).contains("ff-scale", "lora");
        assertThat(plugins.tasks().get("sign").create(org.fpt.spi.TaskOptions.of(1)).inputAdapter()).isEqualTo("two-layer");

        CliRunner.Result listed = CliRunner.run("plugins", "--plugin-path", pluginDir.toString());
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("sign", "two-layer", "adapter-and-head", "ff-scale");
    }

    @Test
    void theFreezingPolicyTrainsBothLinearLayersOfTheAdapterAndTheHeadOnly() throws IOException {
        int hidden = Gpt2Config.tiny().nEmbd();
        long adapter = linear(TOKENS_VALUE_DIM, ADAPTER_MIDDLE) + linear(ADAPTER_MIDDLE, hidden);
        long head = linear(hidden, CLASSES);
        assertThat(trainableParams("adapter-and-head")).isEqualTo(adapter + head);
    }

    @Test
    void thePeftMethodAddsOneScalePerFeedForwardFeatureToTheFptSet() throws IOException {
        Gpt2Config body = Gpt2Config.tiny();
        long scales = (long) body.nLayer() * 4 * body.nEmbd(); // GPT-2's c_fc is 4 x wider than the body
        assertThat(trainableParams("ff-scale")).isEqualTo(trainableParams("fpt") + scales);
    }

    /** Trains 5 steps with {@code policy} through the CLI and returns the summary's trainable parameter count. */
    private static long trainableParams(String policy) throws IOException {
        Path summary = work.resolve(policy + "-summary.json");
        String[] args = Stream.concat(Stream.of(TRAIN), Stream.of("--plugin-path", pluginDir.toString(), "--policy", policy,
                "--summary-json", summary.toString())).toArray(String[]::new);
        CliRunner.Result result = CliRunner.run(args);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("policy            " + policy);
        return JsonParser.parseString(Files.readString(summary)).getAsJsonObject().get("trainable_params").getAsLong();
    }

    /** A DJL {@code Linear}'s weight and bias. */
    private static long linear(int in, int out) {
        return (long) in * out + out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
