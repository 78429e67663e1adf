package org.fpt.cli;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.fpt.cli.grid.RunRecords;
import org.fpt.train.RunSpec;
import org.fpt.train.TrainingConfig;
import org.fpt.train.Precision;

/**
 * A grid of runs, read from JSON or YAML (keys as in docs/workflow.md): every combination of
 * {@code tasks x bodies x inits x policies x seeds}, with shared training settings.
 */
record ExperimentSpec(String name, List<String> tasks, List<String> bodies, List<String> inits, List<String> policies,
                      List<Long> seeds, int steps, int batchSize, float lr, int evalEvery, int checkpointEvery,
                      double threshold, Map<String, Map<String, String>> taskProperties, Map<String, Integer> taskSteps,
                      Map<String, Path> dataDirs, Map<String, Float> policyLr, Map<String, Integer> taskPositions,
                      Precision precision, int microBatchSize, OptionalInt evalBatchSize) {
    private static final Set<String> KEYS = Set.of("name", "tasks", "bodies", "inits", "policies", "seeds", "steps",
            "batch_size", "lr", "eval_every", "checkpoint_every", "threshold", "task_properties", "task_steps", "data_dirs",
            "policy_lr", "task_positions", "precision", "micro_batch_size", "eval_batch_size");

    /** Adam's learning rate for {@code policy}'s runs: its {@code policy_lr} entry, else {@code lr}. */
    float lrFor(String policy) {
        return policyLr.getOrDefault(policy, lr);
    }

    /** Gradient steps of {@code task}'s runs: its {@code task_steps} entry, else {@code steps}. */
    int stepsFor(String task) {
        return taskSteps.getOrDefault(task, steps);
    }

    /** What {@code run} trains: every setting of this spec that applies to it. */
    RunSpec runSpec(Run run) {
        TrainingConfig training = TrainingConfig.defaults(stepsFor(run.task()), batchSize, run.seed())
                .withLearningRate(lrFor(run.policy())).withEvalEvery(evalEvery).withMicroBatchSize(microBatchSize);
        if (evalBatchSize.isPresent()) {
            training = training.withEvalBatchSize(evalBatchSize.getAsInt());
        }
        RunSpec spec = new RunSpec(run.task(), run.body(), TrainCommand.parseInit(run.init()), run.policy(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(dataDirs.get(run.task())), taskProperties.getOrDefault(run.task(), Map.of()), training);
        Integer positions = taskPositions.get(run.task()); // task_positions: --positions for that task's runs
        spec = spec.withPrecision(precision);
        return positions == null ? spec : spec.withPositions(positions);
    }

    /** {@code run}'s full description: what its metrics file must record for its numbers to be reused. */
    JsonObject description(Run run) {
        return RunRecords.describe(runSpec(run));
    }

    /** {@code run}'s directory under {@code runs/}: readable names plus a hash of the full description. */
    String dirName(Run run) {
        return RunRecords.dirName(run.readableName(), description(run));
    }

    /** One cell of the grid. */
    record Run(String task, String body, String init, String policy, long seed) {
        String readableName() {
            return String.join("__", task, body.replaceAll("[^A-Za-z0-9._-]", "_"), init, policy.replaceAll("[^A-Za-z0-9._+=-]", "_"),
                    "seed" + seed);
        }
    }

    static ExperimentSpec read(Path file) {
        Map<String, Object> tree = StructuredFiles.read(file);
        TreeSet<String> unknown = new TreeSet<>(tree.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Experiment " + file + ": unknown keys " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        Fields f = new Fields(file, tree);
        int steps = f.integer("steps", 600, TrainingConfig.MAX_STEPS);
        int evalEvery = f.integer("eval_every", Math.max(1, steps / 10), TrainingConfig.MAX_STEPS);
        int batchSize = f.integer("batch_size", 32, TrainingConfig.MAX_BATCH_SIZE);
        String fallbackName = file.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "");
        return new ExperimentSpec(f.fileName("name", fallbackName), f.names("tasks", null), f.strings("bodies", List.of(TrainCommand.DEFAULT_BODY)),
                f.inits("inits", List.of(TrainCommand.DEFAULT_INIT)), f.names("policies", List.of("fpt")),
                f.strings("seeds", List.of("1")).stream().map(s -> f.parseLong("seeds", s)).toList(), steps,
                batchSize, f.rate("lr", java.util.Objects.requireNonNullElse(tree.get("lr"), 1e-3)), evalEvery,
                f.integer("checkpoint_every", evalEvery, TrainingConfig.MAX_STEPS),
                f.number("threshold", 0.9), f.byName("task_properties", f::properties), f.byName("task_steps", f::positive),
                f.byName("data_dirs", f::path),
                f.byName("policy_lr", f::rate), f.byName("task_positions", f::positive),
                f.precision("precision"), microBatchSize(file, f, batchSize),
                tree.containsKey("eval_batch_size") ? OptionalInt.of(f.integer("eval_batch_size", 1, TrainingConfig.MAX_BATCH_SIZE)) : OptionalInt.empty());
    }

    private static int microBatchSize(Path file, Fields f, int batchSize) {
        int size = f.integer("micro_batch_size", batchSize, TrainingConfig.MAX_BATCH_SIZE);
        if (size > batchSize) {
            throw new IllegalArgumentException("Experiment " + file + ": 'micro_batch_size' must be at most batch_size (" + batchSize
                    + "), got " + size);
        }
        return size;
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
            Object raw = tree.get(key);
            String value = raw == null ? "fp32" : scalar(key, raw);
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Experiment " + file + ": " + key + ": " + e.getMessage());
            }
        }

        /** Names that become directory names: no path separator, not {@code .} or {@code ..}. */
        private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("(?!\\.{1,2}$)[^/\\\\\\p{Cntrl}]{1,200}");

        /** The experiment's name, a plain file name: results go to experiments/NAME, never elsewhere. */
        String fileName(String key, String fallback) {
            Object v = tree.get(key);
            String name = v == null ? fallback : scalar(key, v);
            if (!PLAIN_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must be a plain file name (no '/' or control character, not '.' or '..'), got '"
                        + StructuredFiles.shown(name) + "'");
            }
            return name;
        }

        /** A list of names that become part of a run's directory name (tasks, inits, policies). */
        List<String> names(String key, List<String> fallback) {
            List<String> names = strings(key, fallback);
            for (int i = 0; i < names.size(); i++) {
                if (!PLAIN_NAME.matcher(names.get(i)).matches()) {
                    throw new IllegalArgumentException("Experiment " + file + ": " + key + "[" + i + "] must be a name (no '/' or control character, not '.' or '..'), got '"
                            + StructuredFiles.shown(names.get(i)) + "'");
                }
            }
            return names;
        }

        /** The inits, each one {@code fpt train --init} takes. */
        List<String> inits(String key, List<String> fallback) {
            List<String> inits = names(key, fallback);
            for (int i = 0; i < inits.size(); i++) {
                try {
                    TrainCommand.parseInit(inits.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Experiment " + file + ": " + key + "[" + i + "]: " + e.getMessage(), e);
                }
            }
            return inits;
        }

        /** A single value as text; null, a list or a map is an error naming the key. */
        String scalar(String where, Object value) {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("Experiment " + file + ": " + where + " must be a single value (text or a number), got "
                        + (value == null ? "null" : StructuredFiles.shown(value)));
            }
            return StructuredFiles.scalar(value);
        }

        Path path(String where, Object raw) {
            String text = scalar(where, raw);
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("Experiment " + file + ": " + where + " is not a path: " + StructuredFiles.shown(text));
            }
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
            List<String> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                values.add(scalar(key + "[" + i + "]", list.get(i)));
            }
            return values;
        }

        double number(String key, double fallback) {
            Object v = tree.get(key);
            try {
                return v == null ? fallback : Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must be a number, got '" + StructuredFiles.shown(v) + "'");
            }
        }

        /** An integer from 1 to {@code max}; never clamped (2^31 is an error, not 2^31 - 1). */
        int integer(String key, int fallback, int max) {
            double d = number(key, fallback);
            if (d != Math.rint(d) || d < 1 || d > max) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must be an integer from 1 to " + max
                        + ", got " + tree.get(key));
            }
            return (int) d;
        }

        long parseLong(String key, String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Experiment " + file + ": '" + key + "' must hold integers, got '" + StructuredFiles.shown(text) + "'");
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
            map.forEach((k, val) -> values.put(k.toString(), scalar(path + "." + k, val)));
            return values;
        }

        Float rate(String path, Object raw) {
            try {
                float rate = Float.parseFloat(scalar(path, raw));
                if (rate > 0 && Float.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Experiment " + file + ": " + path + " must be a positive number, got '" + StructuredFiles.shown(raw) + "'");
        }

        Integer positive(String path, Object raw) {
            String text = scalar(path, raw);
            try {
                int n = Integer.parseInt(text);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Experiment " + file + ": " + path + " must be a positive integer, got '" + StructuredFiles.shown(text) + "'");
        }

        /**
         * 1 rather than 1.0 for whole numbers (JSON and YAML parse numbers differently), digit for digit: a number
         * beyond a long's range stays as written (and is refused where a long is expected), never wrapped or clamped.
         */
        static String plain(Object value) {
            if (value instanceof Number) {
                try {
                    BigDecimal exact = new BigDecimal(value.toString());
                    return exact.stripTrailingZeros().scale() <= 0 ? exact.toBigIntegerExact().toString() : value.toString();
                } catch (NumberFormatException | ArithmeticException e) {
                    return value.toString(); // NaN, Infinity
                }
            }
            return value.toString();
        }
    }
}
