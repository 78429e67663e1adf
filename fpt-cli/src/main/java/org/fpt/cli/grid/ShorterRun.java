package org.fpt.cli.grid;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
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
 * keeps one evaluation more, at the shorter run's last step, when that is not a multiple of {@code eval_every}. So a
 * grid whose {@code steps} grew trains only the steps it lacks, and the shorter run's directory stays as it was.
 *
 * @param dirName        the shorter run's directory under {@code OUT/runs/}
 * @param steps          the steps it was asked for
 * @param checkpointStep the step of its latest checkpoint, where the continuing run starts
 */
public record ShorterRun(String dirName, int steps, long checkpointStep) {
    private static final String STEPS = "steps";

    /** A directory under {@code OUT/runs/} that holds a checkpoint: the description its metrics record, its latest checkpoint's step. */
    public record Candidate(JsonObject description, long checkpointStep) {
    }

    /** The run to continue, if any; else one line for each run of the same name and fewer steps that differs in more. */
    public record Search(Optional<ShorterRun> found, List<String> notContinued) {
    }

    /**
     * Of {@code dirNames} (the directories under {@code OUT/runs/}), the shorter run with the latest checkpoint (then
     * the most steps) that the run in {@code dirName}, described by {@code requested}, continues. {@code candidate}
     * reads a directory, empty when it holds no checkpoint or no description.
     */
    public static Search among(String dirName, JsonObject requested, Collection<String> dirNames, Function<String, Optional<Candidate>> candidate) {
        String readable = dirName.substring(0, dirName.lastIndexOf("__") + 2);
        int asked = requested.get(STEPS).getAsInt();
        Optional<ShorterRun> best = Optional.empty();
        List<String> notContinued = new ArrayList<>();
        for (String other : dirNames) {
            if (other.equals(dirName) || !other.startsWith(readable) || other.indexOf("__", readable.length()) >= 0) {
                continue;
            }
            Optional<Candidate> read = candidate.apply(other);
            if (read.isEmpty() || !read.get().description().has(STEPS) || read.get().description().get(STEPS).getAsInt() >= asked) {
                continue;
            }
            int steps = read.get().description().get(STEPS).getAsInt();
            String differences = differencesBesideSteps(requested, read.get().description());
            if (!differences.isEmpty()) {
                notContinued.add(other + " (" + steps + " steps) differs in more than steps: " + differences);
                continue;
            }
            ShorterRun run = new ShorterRun(other, steps, read.get().checkpointStep());
            if (best.map(b -> run.checkpointStep() > b.checkpointStep() || run.checkpointStep() == b.checkpointStep() && steps > b.steps())
                    .orElse(true)) {
                best = Optional.of(run);
            }
        }
        return new Search(best, best.isPresent() ? List.of() : notContinued);
    }

    /** For people: {@code <dir> (<steps> steps) from its step <checkpoint step>}. */
    public String describe() {
        return dirName + " (" + steps + " steps) from its step " + checkpointStep;
    }

    private static String differencesBesideSteps(JsonObject requested, JsonObject recorded) {
        JsonObject a = requested.deepCopy();
        JsonObject b = recorded.deepCopy();
        a.remove(STEPS);
        b.remove(STEPS);
        return RunRecords.differences(a, b);
    }

    /**
     * The shorter run's metrics as the continuing run's, described by {@code requested} on the first line: the shorter
     * run's lines up to its checkpoint, without its final line (a continuation stopped before it trains must not read
     * as finished), then a line saying where it continued from.
     */
    public String continuedMetrics(String shorterMetrics, JsonObject requested) {
        JsonObject header = new JsonObject();
        header.add("run", requested);
        JsonObject continued = new JsonObject();
        continued.addProperty("continued_from", dirName);
        continued.addProperty("checkpoint_step", checkpointStep);
        String kept = shorterMetrics.lines().filter(this::keeps).map(line -> line + "\n").collect(Collectors.joining());
        return header + "\n" + kept + continued + "\n";
    }

    /** Lines up to the checkpoint, but the description and the final line; a line cut off by a kill goes too. */
    private boolean keeps(String line) {
        JsonObject json;
        try {
            json = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            return false;
        }
        return !json.has("run") && !json.has("final") && !(json.has("step") && json.get("step").getAsLong() > checkpointStep);
    }
}
