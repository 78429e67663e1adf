package org.fpt.cli.grid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.fpt.train.RunDescriptions;
import org.fpt.train.RunSpec;

/**
 * A grid run's identity is its full description (task, body, init, policy and its options, seed, steps, batch size,
 * lr, eval-every, task properties, data directory: everything {@link RunDescriptions#toJson} records), never a few
 * names: a finished run is reused only when the description its metrics file records equals the one asked for, and
 * its directory name carries a hash of that description, so a changed setting trains into a new directory.
 */
public final class RunRecords {
    /** Where a run ran, not what it is: may differ between a recorded run and the same run asked for again. */
    private static final String BACKEND = "backend";

    private RunRecords() {
    }

    /** The run's identity: its description without the backend. */
    public static JsonObject describe(RunSpec spec) {
        JsonObject description = RunDescriptions.toJson(spec);
        description.remove(BACKEND);
        return description;
    }

    /** {@code readable} plus 12 hex digits of the description's SHA-256. */
    public static String dirName(String readable, JsonObject description) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(description.toString().getBytes(StandardCharsets.UTF_8));
            return readable + "__" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The lines of a metrics file's text; a line cut off by a kill is skipped (as {@code MetricsLog.read} does). */
    public static List<JsonObject> parse(String metricsText) {
        return metricsText.lines().map(RunRecords::parseLine).filter(Objects::nonNull).toList();
    }

    /** The description a metrics file records on its first {@code {"run": ...}} line. */
    public static Optional<JsonObject> recorded(List<JsonObject> lines) {
        return lines.stream().filter(l -> l.has("run")).findFirst().map(l -> l.getAsJsonObject("run"));
    }

    /**
     * Whether {@code lines} (from {@code source}) are a finished run of {@code requested}. A finished record of
     * another run is refused in one line naming the file and every differing key.
     */
    public static boolean finishedRunOf(String source, List<JsonObject> lines, JsonObject requested) {
        if (lines.stream().noneMatch(l -> l.has("final"))) {
            return false;
        }
        JsonObject recorded = recorded(lines).orElseThrow(() -> new IllegalStateException(source + " has no {\"run\": ...} line"));
        String differences = differences(requested, recorded);
        if (!differences.isEmpty()) {
            throw new IllegalStateException(source + " records another run than the one asked for (" + differences
                    + "); move it away or choose another --out");
        }
        return true;
    }

    /** Every key whose value differs, as {@code "key: recorded A, requested B"}; "" when the runs are the same. */
    public static String differences(JsonObject requested, JsonObject recorded) {
        TreeSet<String> keys = new TreeSet<>(requested.keySet());
        keys.addAll(recorded.keySet());
        keys.remove(BACKEND);
        StringBuilder differences = new StringBuilder();
        for (String key : keys) {
            JsonElement a = recorded.get(key);
            JsonElement b = requested.get(key);
            // Compared as written: a float of this run and the same number parsed from a file differ as objects.
            if (!String.valueOf(a).equals(String.valueOf(b))) {
                differences.append(differences.length() == 0 ? "" : ", ").append(key).append(": recorded ").append(a)
                        .append(", requested ").append(b);
            }
        }
        return differences.toString();
    }

    private static JsonObject parseLine(String line) {
        try {
            return line.isBlank() ? null : JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
