package org.fpt.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --config FILE}: option defaults from a JSON or YAML file ({@code .yaml}/{@code .yml}), keyed by the
 * long option name without dashes ({@code steps: 600}, {@code batch-size: 32}; {@code batch_size} works too).
 * Options given on the command line override the file, because picocli asks a default provider only for
 * options the command line left out.
 *
 * <p>Every key must be a string and every value a single line of text, a number or a boolean. A config file
 * is data: {@code plugin-path} (which loads code) is refused in it. A value from the file that the command
 * then refuses is reported with the file and the key ({@link #attribute}), since the user may not remember
 * that the value came from there.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    /** Options that may not come from a config file, with the reason. */
    private static final Map<String, String> REFUSED = Map.of("plugin-path",
            "plugin jars run code, so they come only from the command line (--plugin-path) or FPT_PLUGIN_PATH");

    private final Path file;
    private final Map<String, String> values;
    private final Set<String> provided = new LinkedHashSet<>();

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
        Map<String, Object> tree = StructuredFiles.read(file);
        Map<String, String> values = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            String option = normalize(key);
            if (REFUSED.containsKey(option)) {
                throw new IllegalArgumentException("Config " + file + ": key '" + key + "' is not allowed in a config file: " + REFUSED.get(option));
            }
            if (value == null) {
                throw new IllegalArgumentException("Config " + file + ": key '" + key + "' has no value");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("Config " + file + ": key '" + key + "' must be a single value (text, a number or "
                        + "true/false), got " + StructuredFiles.shown(value));
            }
            String text = StructuredFiles.scalar(value);
            if (text.contains("\n") || text.contains("\r")) {
                throw new IllegalArgumentException("Config " + file + ": key '" + key + "' must be one line, got " + StructuredFiles.shown(value));
            }
            if (values.put(option, text) != null) {
                throw new IllegalArgumentException("Config " + file + ": option '" + option + "' is set twice (as '" + key + "' and another spelling)");
            }
        });
        return new ConfigDefaults(file, values);
    }

    Path file() {
        return file;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = values.get(normalize(option.longestName()));
            if (value != null) {
                provided.add(normalize(option.longestName()));
            }
            return value;
        }
        return null;
    }

    /** Refuses keys that are no option of {@code command}, naming them and the file. */
    void requireKnownKeys(CommandSpec command) {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        command.options().forEach(o -> unknown.remove(normalize(o.longestName())));
        unknown.remove("config");
        if (!unknown.isEmpty()) {
            throw new InputFileException("Config " + file + " has keys that are no option of 'fpt " + command.name() + "': "
                    + String.join(", ", unknown));
        }
    }

    /** A bad option value that came from this file: the error with the file and key in front. */
    String attribute(ParameterException e) {
        if (e.getArgSpec() instanceof OptionSpec option && provided.contains(normalize(option.longestName()))) {
            return "Config " + file + ": key '" + normalize(option.longestName()) + "': " + e.getMessage();
        }
        return attribute(e.getMessage()); // a check made after parsing names its option only in the message
    }

    /**
     * A command's error that names an option whose value came from this file ("steps must be > 0, got -5"):
     * the error with the file and the key's value after it; other errors unchanged.
     */
    String attribute(String message) {
        String words = " " + message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (String key : provided) {
            String spelled = key.replace('-', ' ');
            if (words.contains(" " + spelled + " ") || (key.equals("lr") && words.contains(" learning rate "))) {
                return message + " (" + key + " " + values.get(key) + " is from config " + file + ")";
            }
        }
        return message;
    }

    private static String normalize(String key) {
        String k = key.startsWith("--") ? key.substring(2) : key;
        return k.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
