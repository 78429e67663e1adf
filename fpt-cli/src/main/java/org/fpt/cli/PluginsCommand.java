package org.fpt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.PluginRegistry;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.Named;
import org.fpt.train.BackendChoice;
import org.fpt.train.BackendTimings;
import org.fpt.train.FastestBackend;
import org.fpt.train.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Lists every plugin by kind, with the jar it came from: a name column, then the text wrapped at spaces to the help's
 * width (never inside a word: paths and coordinates in the text must stay whole to be copied), then the jar.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every task, adapter, policy, PEFT method, backend and body, with the jar it came from.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--calibrate", description = "Measure again which CPU backend is fastest here (a few seconds per precision) and cache it, instead of only showing the cached result.")
    boolean calibrate;

    /** Where the text column starts: room for every built-in name; a longer name has a line of its own. */
    private static final int TEXT_COLUMN = 21;

    @Override
    public Integer call() {
        Plugins plugins = Host.injector().getInstance(Plugins.class);
        PrintWriter out = spec.commandLine().getOut();
        section(out, "Tasks", plugins.tasks());
        section(out, "Adapters", plugins.adapters());
        section(out, "Policies", plugins.policies());
        section(out, "PEFT methods (--policy NAME: the fpt set plus what the method adds)", plugins.peftMethods());
        out.println("Backends");
        for (Backend b : plugins.backends().all()) {
            Backend.Availability a = b.availability();
            row(out, b.name(), b.description() + " [" + (a.available() ? "available: " : "unavailable: ") + a.reason() + "]",
                    PluginRegistry.origin(b));
        }
        FastestBackend fastest = new FastestBackend(plugins, BackendTimings.inUserCache());
        for (Precision precision : List.of(Precision.FP32, Precision.BF16)) {
            Optional<BackendChoice> choice;
            String label = "default (" + precision.label() + ")";
            try {
                choice = calibrate ? Optional.of(fastest.recalibrate(precision)) : fastest.chosenWithoutCalibrating(precision);
            } catch (PluginException e) { // no backend available: the list above says why; the rest still shows
                row(out, label, "none (" + e.getMessage() + ")", null);
                continue;
            }
            row(out, label, choice
                    .map(c -> c.backend().name() + ", " + c.reason())
                    .orElse("not measured on this machine yet: the first run without --backend times each CPU backend ("
                            + "a few seconds) and keeps the result in " + fastest.timings().file() + "; or run 'fpt plugins --calibrate'"),
                    null);
        }
        out.println("Bodies");
        plugins.bodySources().all().forEach(source -> {
            for (BodyInfo body : source.bodies()) {
                row(out, body.name(), body.family() + ", " + body.source(), PluginRegistry.origin(source));
            }
        });
        out.flush();
        return 0;
    }

    private void section(PrintWriter out, String title, PluginRegistry<? extends Named> registry) {
        out.println(title);
        for (Named plugin : registry.all()) {
            row(out, plugin.name(), plugin.description(), PluginRegistry.origin(plugin));
        }
    }

    /** The name, the text wrapped under the text column, then the jar (if any) on a line of its own. */
    private void row(PrintWriter out, String name, String text, String jar) {
        String indent = " ".repeat(TEXT_COLUMN);
        List<String> lines = new ArrayList<>(wrapAtSpaces(text, Math.max(40, spec.usageMessage().width() - TEXT_COLUMN)));
        if (jar != null) {
            lines.add("from " + jar);
        }
        String first = "  " + name + " ";
        if (first.length() > TEXT_COLUMN) { // a long name gets its line; the text starts below it
            out.println(first.stripTrailing());
            first = indent;
        }
        out.println((first + " ".repeat(TEXT_COLUMN - first.length()) + lines.get(0)).stripTrailing());
        lines.subList(1, lines.size()).forEach(line -> out.println(indent + line));
    }

    /** Lines of at most {@code width} characters, broken at spaces only; a word longer than that has a line of its own. */
    static List<String> wrapAtSpaces(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) { // an exception's message may hold line breaks
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
