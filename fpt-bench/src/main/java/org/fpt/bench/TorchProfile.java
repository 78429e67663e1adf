package org.fpt.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * libtorch's autograd profiler (through DJL's {@code JniUtils.startProfile}), aggregated per operator the way
 * MXNet's table is: calls and self time (an op's time minus the ops it called, so {@code aten::linear} does
 * not count its {@code aten::addmm} twice). Call only after the PyTorch engine has loaded.
 */
final class TorchProfile {
    private final Path traceFile;

    TorchProfile(Path traceFile) {
        this.traceFile = traceFile;
    }

    void start() {
        JniUtils.startProfile(false, false, false);
    }

    /** Stops profiling and returns the table, by self time, descending; {@code steps} divides the totals. */
    String stop(int steps) throws IOException {
        JniUtils.stopProfile(traceFile.toString());
        List<Event> events = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(traceFile)) {
            JsonElement root = JsonParser.parseReader(reader);
            JsonArray array = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject().getAsJsonArray("traceEvents");
            for (JsonElement element : array) {
                JsonObject e = element.getAsJsonObject();
                if (e.has("dur") && "X".equals(e.get("ph").getAsString())) {
                    events.add(new Event(e.get("name").getAsString(), e.get("tid").getAsString(),
                            e.get("ts").getAsDouble(), e.get("dur").getAsDouble()));
                }
            }
        }
        Files.delete(traceFile);
        return table(selfTimes(events), steps);
    }

    private record Event(String name, String thread, double start, double duration) {
        double end() {
            return start + duration;
        }
    }

    private static final class Total {
        long calls;
        double selfUs;
    }

    /** Per operator; and how many operators nobody else called (depth 0, backward nodes aside): one JNI call from Java each. */
    private record Aggregate(Map<String, Total> totals, long topLevelCalls) {
    }

    /** Per thread, events nest by time: each one's self time is its duration minus its direct children's. */
    private static Aggregate selfTimes(List<Event> events) {
        Map<String, Total> totals = new HashMap<>();
        long topLevelCalls = 0;
        events.sort(Comparator.comparing(Event::thread).thenComparingDouble(Event::start).thenComparingDouble(e -> -e.duration()));
        Deque<Event> open = new ArrayDeque<>();
        Map<Event, Double> childTime = new HashMap<>();
        String thread = null;
        for (Event event : events) {
            if (!event.thread().equals(thread)) {
                closeAll(open, childTime, totals);
                thread = event.thread();
            }
            while (!open.isEmpty() && open.peek().end() <= event.start()) {
                close(open.pop(), open, childTime, totals);
            }
            if (open.isEmpty() && !event.name().startsWith("autograd::")) {
                topLevelCalls++;
            }
            open.push(event);
        }
        closeAll(open, childTime, totals);
        return new Aggregate(totals, topLevelCalls);
    }

    private static void closeAll(Deque<Event> open, Map<Event, Double> childTime, Map<String, Total> totals) {
        while (!open.isEmpty()) {
            close(open.pop(), open, childTime, totals);
        }
    }

    private static void close(Event event, Deque<Event> open, Map<Event, Double> childTime, Map<String, Total> totals) {
        Total total = totals.computeIfAbsent(event.name(), n -> new Total());
        total.calls++;
        total.selfUs += event.duration() - childTime.getOrDefault(event, 0.0);
        childTime.remove(event);
        if (!open.isEmpty()) {
            childTime.merge(open.peek(), event.duration(), Double::sum);
        }
    }

    private static String table(Aggregate aggregate, int steps) {
        Map<String, Total> totals = aggregate.totals();
        double all = totals.values().stream().mapToDouble(t -> t.selfUs).sum();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-44s %10s %12s %7s%n", "operator (libtorch)", "calls/step", "self ms/step", "share"));
        totals.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().selfUs, a.getValue().selfUs))
                .forEach(e -> out.append(String.format(Locale.ROOT, "%-44s %10.1f %12.2f %6.1f%%%n", e.getKey(),
                        (double) e.getValue().calls / steps, e.getValue().selfUs / 1e3 / steps, 100 * e.getValue().selfUs / all)));
        out.append(String.format(Locale.ROOT, "%-44s %10.1f %12.2f%n", "total", totals.values().stream().mapToLong(t -> t.calls).sum() / (double) steps, all / 1e3 / steps));
        out.append(String.format(Locale.ROOT, "top-level operators per step (about one JNI call from Java each): %.0f%n", aggregate.topLevelCalls() / (double) steps));
        return out.toString();
    }
}
