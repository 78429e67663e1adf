package org.fpt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.fpt.train.Precision;

/**
 * A grid of runs, read from JSON or YAML (keys as in docs/workflow.md): every combination of
 * {@code tasks x bodies x inits x policies x seeds}, with shared training settings.
 */
record ExperimentSpec(String name, List<String> tasks, List<String> bodies, List<String> inits, List<String> policies,
                      List<Long> seeds, int steps, int batchSize, float lr, int evalEvery, int checkpointEvery,
                      double threshold, Map<String, Map<String, String>> taskProperties, Map<String, Integer> taskSteps,
                      Map<String, Path> dataDirs, Map<String, Float> policyLr, Precision precision) {
    private static final Set<String> KEYS = Set.of("name", "tasks", "bodies", "inits", "policies", "seeds", "steps",
            "batch_size", "lr", "eval_every", "checkpoint_every", "threshold", "task_properties", "task_steps", "data_dirs",
            "policy_lr", "precision");

    /** Adam's learning rate for {@code policy}'s runs: its {@code policy_lr} entry, else {@code lr}. */
    float lrFor(String policy) {
        return policyLr.getOrDefault(policy, lr);
    }

    /** Gradient steps of {@code task}'s runs: its {@code task_steps} entry, else {@code steps}. */
    int stepsFor(String task) {
        return taskSteps.getOrDefault(task, steps);
    }

    /** One cell of the grid. */
    record Run(String task, String body, String init, String policy, long seed) {
        String dirName() {
            return String.join("__", task, body.replaceAll("[^A-Za-z0-9._-]", "_"), init, policy, "seed" + seed);
        }
    }

    static ExperimentSpec read(Path file) {
        Map<String, Object> tree = ConfigDefaults.Structured.read(file);
        TreeSet<String> unknown = new TreeSet<>(tree.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Experiment " + file + ": unknown keys " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        Fields f = new Fields(file, tree);
        int steps = f.integer("steps", 600);
        int evalEvery = f.integer("eval_every", Math.max(1, steps / 10));
        String fallbackName = file.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
        return new ExperimentSpec(f.string("name", fallbackName), f.strings("tasks", null), f.strings("bodies", List.of(TrainCommand.DEFAULT_BODY)),
                f.strings("inits", List.of(TrainCommand.DEFAULT_INIT)), f.strings("policies", List.of("fpt")),
                f.strings("seeds", List.of("1")).stream().map(s -> f.parseLong("seeds", s)).toList(), steps,
                f.integer("batch_size", 32), (float) f.number("lr", 1e-3), evalEvery, f.integer("checkpoint_every", evalEvery),
                f.number("threshold", 0.9), f.byName("task_properties", f::properties), f.byName("task_steps", f::positive),
                f.byName("data_dirs", (path, raw) -> Path.of(Fields.plain(raw))),
                f.byName("policy_lr", f::rate), f.precision("precision"));
    }

    List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (String task : tasks) {
            for (String body : bodies) {
                for (String init : inits) {
                    for (String policy : policies) {
                        for (long seed : seeds) {
                            runs.add(new Run(task, body, init, policy, seed));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** Typed access to the parsed tree, with errors naming the file and key. */
    private record Fields(Path file, Map<String, Object> tree) {
        /** fp32 when absent, as before the key existed. */
        Precision precision(String key) {
            String value = string(key, "fp32");
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Experiment " + file + ": " + key + ": " + e.getMessage());
            }
        }

        String string(String key, String fallback) {
            Object v = tree.get(key);
            return v == null ? fallback : v.toString();
        }

        List<String> strings(String key, List<String> fallback) {
            Object v = tree.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' is required (a list)");
                }
                return fallback;
            }
            List<?> list = v instanceof List<?> l ? l : List.of(v);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' is empty");
            }
            return list.stream().map(Fields::plain).toList();
        }

        double number(String key, double fallback) {
            Object v = tree.get(key);
            try {
                return v == null ? fallback : Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must be a number, got '" + v + "'");
            }
        }

        int integer(String key, int fallback) {
            double d = number(key, fallback);
            if (d != Math.rint(d) || d <= 0) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must be a positive integer, got " + tree.get(key));
            }
            return (int) d;
        }

        long parseLong(String key, String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must hold integers, got '" + text + "'");
            }
        }

        /** A {@code {task or policy: value}} map under {@code key}, each value read by {@code value(path, raw)}. */
        <V> Map<String, V> byName(String key, BiFunction<String, Object, V> value) {
            Object v = tree.get(key);
            Map<String, V> result = new LinkedHashMap<>();
            if (v == null) {
                return result;
            }
            if (!(v instanceof Map<?, ?> byName)) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must map names to values");
            }
            byName.forEach((name, raw) -> result.put(name.toString(), value.apply(key + "." + name, raw)));
            return result;
        }

        Map<String, String> properties(String path, Object raw) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("Experiment " + file + ": " + path + " must be {key: value}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((k, val) -> values.put(k.toString(), plain(val)));
            return values;
        }

        Float rate(String path, Object raw) {
            try {
                float rate = Float.parseFloat(raw.toString());
                if (rate > 0 && Float.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Experiment " + file + ": " + path + " must be a positive number, got '" + raw + "'");
        }

        Integer positive(String path, Object raw) {
            String text = plain(raw);
            try {
                int n = Integer.parseInt(text);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Experiment " + file + ": " + path + " must be a positive integer, got '" + text + "'");
        }

        /** 1 rather than 1.0 for whole numbers (JSON and YAML parse numbers differently). */
        static String plain(Object value) {
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !value.toString().contains("e")) {
                return Long.toString(n.longValue());
            }
            return value.toString();
        }
    }
}
