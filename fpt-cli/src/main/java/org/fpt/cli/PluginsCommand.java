package org.fpt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fpt.plugin.PluginRegistry;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Backend;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.Named;
import org.fpt.train.BackendTimings;
import org.fpt.train.FastestBackend;
import org.fpt.train.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists every plugin by kind, with the jar it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every task, adapter, policy, PEFT method, backend and body, with the jar it came from.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--calibrate", description = "Measure again which CPU backend is fastest here (a few seconds per precision) and cache it, instead of only showing the cached result.")
    boolean calibrate;

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
            out.printf("  %-18s %-60s [%s] %s%n", b.name(), b.description(),
                    (a.available() ? "available: " : "unavailable: ") + a.reason(), PluginRegistry.origin(b));
        }
        FastestBackend fastest = new FastestBackend(plugins, BackendTimings.inUserCache());
        for (Precision precision : List.of(Precision.FP32, Precision.BF16)) {
            java.util.Optional<org.fpt.train.BackendChoice> choice;
            try {
                choice = calibrate ? java.util.Optional.of(fastest.recalibrate(precision)) : fastest.chosenWithoutCalibrating(precision);
            } catch (org.fpt.plugin.PluginException e) { // no backend available: the list above says why; the rest still shows
                out.printf("  default (%s): none (%s)%n", precision.label(), e.getMessage());
                continue;
            }
            out.printf("  default (%s): %s%n", precision.label(), choice
                    .map(c -> c.backend().name() + ", " + c.reason())
                    .orElse("not measured on this machine yet: the first run without --backend times each CPU backend ("
                            + "a few seconds) and keeps the result in " + fastest.timings().file() + "; or run 'fpt plugins --calibrate'"));
        }
        out.println("Bodies");
        plugins.bodySources().all().forEach(source -> {
            for (BodyInfo body : source.bodies()) {
                out.printf("  %-18s %-60s %s%n", body.name(), body.family() + ", " + body.source(), PluginRegistry.origin(source));
            }
        });
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, PluginRegistry<? extends Named> registry) {
        out.println(title);
        for (Named plugin : registry.all()) {
            out.printf("  %-18s %-60s %s%n", plugin.name(), plugin.description(), PluginRegistry.origin(plugin));
        }
    }
}
