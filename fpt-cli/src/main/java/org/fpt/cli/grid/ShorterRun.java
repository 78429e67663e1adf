package org.fpt.cli.grid;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run already in {@code OUT/runs/} that a run asked for continues: the same description except for {@code steps},
 * which are fewer. Such a run's directory has the same readable name (task, body, init, policy, seed) and another
 * hash. The learning rate is constant and every step draws its batch and dropout from seeds of its own step number,
 * so training on from that run's latest checkpoint gives the run trained straight to the new length; its history
 * keeps one evaluation more, at the shorter run's last step. So a grid whose {@code steps} grew trains only the steps
 * it lacks, and the shorter run's directory stays as it was.
 *
 * @param dirName the shorter run's directory under {@code OUT/runs/}
 * @param steps   the steps it was asked for
 */
public record ShorterRun(String dirName, int steps) {
    private static final String STEPS = "steps";

    /**
     * Of {@code dirNames} (the directories under {@code OUT/runs/}), the shorter run with the most steps that the run
     * in {@code dirName}, described by {@code requested}, continues. {@code linesOfResumable} gives a directory's
     * metrics lines when it holds a checkpoint to continue from, else empty.
     */
    public static Optional<ShorterRun> among(String dirName, JsonObject requested, Collection<String> dirNames,
                                             Function<String, Optional<List<JsonObject>>> linesOfResumable) {
        String readable = dirName.substring(0, dirName.lastIndexOf("__") + 2);
        int asked = requested.get(STEPS).getAsInt();
        Optional<ShorterRun> best = Optional.empty();
        for (String other : dirNames) {
            if (other.equals(dirName) || !other.startsWith(readable) || other.indexOf("__", readable.length()) >= 0) {
                continue;
            }
            Optional<JsonObject> recorded = linesOfResumable.apply(other).flatMap(RunRecords::recorded);
            if (recorded.isPresent() && differsOnlyInSteps(requested, recorded.get())) {
                int steps = recorded.get().get(STEPS).getAsInt();
                if (steps < asked && best.map(b -> steps > b.steps()).orElse(true)) {
                    best = Optional.of(new ShorterRun(other, steps));
                }
            }
        }
        return best;
    }

    private static boolean differsOnlyInSteps(JsonObject requested, JsonObject recorded) {
        JsonObject a = requested.deepCopy();
        JsonObject b = recorded.deepCopy();
        a.remove(STEPS);
        b.remove(STEPS);
        return recorded.has(STEPS) && RunRecords.differences(a, b).isEmpty();
    }

    /**
     * The shorter run's metrics as the continuing run's: the continuing run's description on the first line, then
     * the shorter run's lines (a resumed run drops those past its checkpoint and the final one), then a line saying
     * where it continued from and at which checkpoint step.
     */
    public String continuedMetrics(String shorterMetrics, JsonObject requested, long checkpointStep) {
        JsonObject header = new JsonObject();
        header.add("run", requested);
        JsonObject continued = new JsonObject();
        continued.addProperty("continued_from", dirName);
        continued.addProperty("checkpoint_step", checkpointStep);
        String rest = shorterMetrics.lines().filter(line -> !isRunLine(line)).map(line -> line + "\n").collect(Collectors.joining());
        return header + "\n" + rest + continued + "\n";
    }

    private static boolean isRunLine(String line) {
        try {
            return JsonParser.parseString(line).getAsJsonObject().has("run");
        } catch (RuntimeException e) {
            return false; // a line cut off by a kill: MetricsLog drops it on resume
        }
    }
}
