package org.fpt.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: option defaults from a JSON or YAML file ({@code .yaml}/{@code .yml}), keyed by the
 * long option name without dashes ({@code steps: 600}, {@code batch-size: 32}; {@code batch_size} works too).
 * Options given on the command line override the file, because picocli asks a default provider only for
 * options the command line left out.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    private final Path file;
    private final Map<String, String> values;

    private ConfigDefaults(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The provider for {@code --config} in {@code args}, or {@code null} when there is none. */
    static ConfigDefaults fromArgs(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return load(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return load(Path.of(args[i].substring("--config=".length())));
            }
        }
        return null;
    }

    static ConfigDefaults load(Path file) {
        Map<String, Object> tree = Structured.read(file);
        Map<String, String> values = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException("Config " + file + ": key '" + key + "' must be a single value, got " + value);
            }
            values.put(normalize(key), String.valueOf(value));
        });
        return new ConfigDefaults(file, values);
    }

    Path file() {
        return file;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            return values.get(normalize(option.longestName()));
        }
        return null;
    }

    /** Refuses keys that are no option of {@code command}, naming them and the file. */
    void requireKnownKeys(CommandSpec command) {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        command.options().forEach(o -> unknown.remove(normalize(o.longestName())));
        unknown.remove("config");
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Config " + file + " has keys that are no option of 'fpt " + command.name() + "': "
                    + String.join(", ", unknown));
        }
    }

    private static String normalize(String key) {
        String k = key.startsWith("--") ? key.substring(2) : key;
        return k.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /** JSON or YAML into plain maps, lists and scalars. */
    static final class Structured {
        private Structured() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> read(Path file) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            try {
                Object tree = name.endsWith(".yaml") || name.endsWith(".yml")
                        ? new Yaml(new SafeConstructor(new LoaderOptions())).load(text)
                        : toPlain(JsonParser.parseString(text));
                if (!(tree instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("the top level must be an object of key: value");
                }
                return (Map<String, Object>) tree;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot parse " + file + ": " + e.getMessage(), e);
            }
        }

        private static Object toPlain(JsonElement json) {
            if (json.isJsonObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : ((JsonObject) json).entrySet()) {
                    map.put(e.getKey(), toPlain(e.getValue()));
                }
                return map;
            }
            if (json.isJsonArray()) {
                return json.getAsJsonArray().asList().stream().map(Structured::toPlain).toList();
            }
            if (json.isJsonNull()) {
                return null;
            }
            var primitive = json.getAsJsonPrimitive();
            return primitive.isNumber() ? primitive.getAsNumber() : primitive.isBoolean() ? primitive.getAsBoolean() : primitive.getAsString();
        }
    }
}
