package org.fpt.cli;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fpt.cli.grid.RunRecords;

/**
 * An experiment's numbers, read back from each run's own metrics file (never from memory), grouped the
 * way the paper's tables are: rows = models or policies, columns = tasks, mean and std over seeds.
 */
final class ExperimentResults {
    /** One finished run as its metrics file tells it; {@code run} is the description it records. */
    record RunResult(String task, String body, String init, String policy, long seed, double accuracy, List<Point> curve, JsonObject run) {
        /** The first evaluation step whose held-out accuracy reaches {@code threshold}. */
        OptionalInt stepsTo(double threshold) {
            return curve.stream().filter(p -> p.accuracy() >= threshold).mapToInt(Point::step).findFirst();
        }
    }

    record Point(int step, double accuracy) {
    }

    /** Mean and sample standard deviation of a cell's seeds. */
    record Cell(int n, double mean, double std) {
        static Cell of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Cell(values.size(), mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0);
        }
    }

    private final List<RunResult> runs;
    private final Function<RunResult, String> rowOf;

    ExperimentResults(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
        // Label rows by what varies among bodies, inits and policies (the paper's "model" or "policy" rows).
        List<Function<RunResult, String>> parts = new ArrayList<>();
        if (distinct(RunResult::body) > 1) {
            parts.add(RunResult::body);
        }
        if (distinct(RunResult::init) > 1) {
            parts.add(RunResult::init);
        }
        if (distinct(RunResult::policy) > 1) {
            parts.add(RunResult::policy);
        }
        if (parts.isEmpty()) { // one row: name it in full
            parts.addAll(List.of(RunResult::body, RunResult::init, RunResult::policy));
        }
        rowOf = r -> String.join(" ", parts.stream().map(p -> p.apply(r)).toList());
    }

    /** One run from the lines of its metrics file ({@code source} names it in errors). */
    static RunResult result(String source, List<JsonObject> lines) {
        JsonObject run = RunRecords.recorded(lines).orElseThrow(() -> new IllegalArgumentException(source + " has no {\"run\": ...} line"));
        JsonObject last = lines.stream().filter(l -> l.has("final")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException(source + " has no final line: the run did not finish"));
        List<Point> curve = lines.stream().filter(l -> l.has("accuracy") && !l.has("final"))
                .map(l -> new Point(l.get("step").getAsInt(), l.get("accuracy").getAsDouble())).toList();
        return new RunResult(run.get("task").getAsString(), run.get("body").getAsString(), run.get("init").getAsString(),
                run.get("policy").getAsString(), run.get("seed").getAsLong(), last.get("accuracy").getAsDouble(), curve, run);
    }

    /**
     * The training settings the runs record, for a table's caption: {@code "seeds [1, 2]; 300 steps (bit-memory
     * 600), batch 32, lr 0.001 (full 1.0E-4)"}. Each is the value most runs have (the first seen on a tie), plus
     * the tasks (steps) or policies (lr) whose runs recorded another.
     */
    String settings() {
        return "seeds " + runs.stream().map(RunResult::seed).distinct().toList() + "; " + recorded("steps")
                + " steps" + overrides("steps", RunResult::task) + ", batch " + recorded("batch_size")
                + overrides("batch_size", RunResult::task) + ", lr " + recorded("lr") + overrides("lr", RunResult::policy);
    }

    /** The recorded {@code eval_every} most runs have. */
    String evalEvery() {
        return recorded("eval_every");
    }

    private String recorded(String key) {
        Map<String, Long> counts = runs.stream().map(r -> setting(r, key))
                .collect(Collectors.groupingBy(v -> v, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a).map(Map.Entry::getKey).orElse("?");
    }

    /** " (name value, ...)" for each group whose runs recorded another value of {@code key} than most runs. */
    private String overrides(String key, Function<RunResult, String> group) {
        String common = recorded(key);
        Map<String, String> others = new LinkedHashMap<>();
        runs.stream().filter(r -> !setting(r, key).equals(common))
                .forEach(r -> others.merge(group.apply(r), setting(r, key), (a, b) -> a.equals(b) ? a : a + "/" + b));
        return others.isEmpty() ? "" : others.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String setting(RunResult run, String key) {
        return run.run().has(key) ? run.run().get(key).getAsString() : "?";
    }

    List<RunResult> runs() {
        return runs;
    }

    String row(RunResult r) {
        return rowOf.apply(r);
    }

    List<String> rows() {
        return runs.stream().map(rowOf).distinct().toList();
    }

    List<String> tasks() {
        return runs.stream().map(RunResult::task).distinct().toList();
    }

    /** Final test accuracy: row -> task -> cell over seeds. */
    Map<String, Map<String, Cell>> accuracyTable() {
        Map<String, Map<String, Cell>> table = new LinkedHashMap<>();
        for (String row : rows()) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (String task : tasks()) {
                List<Double> values = runs.stream().filter(r -> row(r).equals(row) && r.task().equals(task)).map(RunResult::accuracy).toList();
                if (!values.isEmpty()) {
                    cells.put(task, Cell.of(values));
                }
            }
            table.put(row, cells);
        }
        return table;
    }

    /** A learning curve per row of one task: mean held-out accuracy over seeds at each evaluation step. */
    Map<String, List<Point>> meanCurves(String task) {
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        for (String row : rows()) {
            List<RunResult> group = runs.stream().filter(r -> row(r).equals(row) && r.task().equals(task)).toList();
            if (group.isEmpty()) {
                continue;
            }
            Map<Integer, List<Double>> byStep = new java.util.TreeMap<>();
            group.forEach(r -> r.curve().forEach(p -> byStep.computeIfAbsent(p.step(), k -> new ArrayList<>()).add(p.accuracy())));
            curves.put(row, byStep.entrySet().stream().map(e -> new Point(e.getKey(), Cell.of(e.getValue()).mean())).toList());
        }
        return curves;
    }

    /** Steps to the threshold, pretrained vs random, per task, body and policy (where both inits ran). */
    record Efficiency(String task, String body, String policy, Steps pretrained, Steps random) {
        /** How many times more steps random init needs; NaN when either never reached the threshold. */
        double ratio() {
            return pretrained.allReached() && random.allReached() ? random.mean() / pretrained.mean() : Double.NaN;
        }
    }

    /** Mean steps over the seeds that reached the threshold; {@code reached} of {@code seeds} did. */
    record Steps(double mean, int reached, int seeds) {
        boolean allReached() {
            return reached == seeds && seeds > 0;
        }
    }

    List<Efficiency> efficiency(double threshold) {
        List<Efficiency> rows = new ArrayList<>();
        for (String task : tasks()) {
            for (String body : runs.stream().map(RunResult::body).distinct().toList()) {
                for (String policy : runs.stream().map(RunResult::policy).distinct().toList()) {
                    Steps pretrained = steps(task, body, policy, "pretrained", threshold);
                    Steps random = steps(task, body, policy, "random", threshold);
                    if (pretrained.seeds() > 0 && random.seeds() > 0) {
                        rows.add(new Efficiency(task, body, policy, pretrained, random));
                    }
                }
            }
        }
        return rows;
    }

    private Steps steps(String task, String body, String policy, String init, double threshold) {
        List<RunResult> group = runs.stream().filter(r -> r.task().equals(task) && r.body().equals(body)
                && r.policy().equals(policy) && r.init().equals(init)).toList();
        List<Integer> reached = group.stream().map(r -> r.stepsTo(threshold)).filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).toList();
        return new Steps(reached.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN), reached.size(), group.size());
    }

    private long distinct(Function<RunResult, String> field) {
        return runs.stream().map(field).distinct().count();
    }
}
