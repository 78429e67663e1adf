package org.fpt.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fpt.io.InputFiles;
import org.fpt.io.JsonFields;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * JSON or YAML files ({@code --config}, experiment specs) into plain maps, lists and scalars. YAML is read
 * with SnakeYAML's safe constructor and its limits (aliases, nesting, size), JSON strictly. Every map key
 * must be a string: YAML would otherwise hand over {@code 1:}, {@code ~:} or {@code yes:} as a number, null
 * or boolean. Every error is one line that names the file (SnakeYAML's own messages span several lines).
 */
final class StructuredFiles {
    /** Config files and specs are a few KB. */
    static final long MAX_BYTES = 16L << 20;
    private static final int SHOWN = 60;

    private StructuredFiles() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        String text = InputFiles.readString(file, MAX_BYTES, detail -> new IllegalArgumentException("Cannot read " + file + ": it " + detail));
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Object tree;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            try {
                tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            } catch (RuntimeException e) { // SnakeYAML's own errors, and its constructors' (a bad !!binary, !!int)
                throw new IllegalArgumentException("Cannot parse " + file + ": " + yamlMessage(e), e);
            }
        } else {
            tree = toPlain(JsonFields.parseObject(text, detail -> new IllegalArgumentException("Cannot parse " + file + ": it " + detail)));
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Cannot parse " + file + ": the top level must be an object of key: value, found " + shown(tree));
        }
        requireStringKeys(file, map, "");
        return (Map<String, Object>) map;
    }

    /** A scalar as option text: {@code 1} rather than {@code 1.0} for whole numbers (JSON and YAML parse numbers differently). */
    static String scalar(Object value) {
        String text = String.valueOf(value);
        if (value instanceof Number && !text.contains("e") && !text.contains("E")) {
            try {
                BigDecimal exact = new BigDecimal(text); // never through a long: 20-digit numbers stay as written
                return exact.stripTrailingZeros().scale() <= 0 ? exact.toBigIntegerExact().toString() : text;
            } catch (NumberFormatException | ArithmeticException e) {
                return text; // NaN, Infinity
            }
        }
        return text;
    }

    /** A value for a message: one line, abbreviated. */
    static String shown(Object value) {
        String text = String.valueOf(value).replace("\r", "\\r").replace("\n", "\\n");
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
    }

    private static void requireStringKeys(Path file, Map<?, ?> map, String where) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                String what = e.getKey() == null ? "a null key (~)" : "key " + shown(e.getKey()) + " (" + e.getKey().getClass().getSimpleName() + ")";
                throw new IllegalArgumentException("Cannot parse " + file + ": " + what + (where.isEmpty() ? "" : " under '" + where + "'")
                        + " is not a string (quote it)");
            }
            if (e.getValue() instanceof Map<?, ?> inner) {
                requireStringKeys(file, inner, where.isEmpty() ? key : where + "." + key);
            } else if (e.getValue() instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> inner) {
                        requireStringKeys(file, inner, where.isEmpty() ? key : where + "." + key);
                    }
                }
            }
        }
    }

    /** SnakeYAML's problem and where it is, on one line. */
    private static String yamlMessage(RuntimeException e) {
        if (e instanceof MarkedYAMLException marked && (marked.getProblem() != null || marked.getContext() != null)) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
            return oneLine(problem) + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")");
        }
        return (e instanceof YAMLException ? "" : "a YAML value: ") + oneLine(String.valueOf(e.getMessage()));
    }

    private static String oneLine(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
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
            return json.getAsJsonArray().asList().stream().map(StructuredFiles::toPlain).toList();
        }
        if (json.isJsonNull()) {
            return null;
        }
        var primitive = json.getAsJsonPrimitive();
        return primitive.isNumber() ? primitive.getAsNumber() : primitive.isBoolean() ? primitive.getAsBoolean() : primitive.getAsString();
    }
}
