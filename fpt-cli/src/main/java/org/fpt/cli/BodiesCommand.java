package org.fpt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fpt.plugin.Plugins;
import org.fpt.spi.BodyInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the bodies on offer: name, family, layers, width, parameters, where weights come from. */
@Command(name = "bodies", mixinStandardHelpOptions = true, description = "List the transformer bodies on offer.")
final class BodiesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plugins plugins = Host.injector().getInstance(Plugins.class);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-18s %-8s %6s %6s %6s %14s  %s%n", "NAME", "FAMILY", "LAYERS", "WIDTH", "HEADS", "PARAMETERS", "SOURCE");
        plugins.bodySources().all().forEach(source -> {
            for (BodyInfo b : source.bodies()) {
                // a recurrent body has no attention heads: a dash, not a 0 that reads like a count
                out.printf("%-18s %-8s %6d %6d %6s %,14d  %s%n", b.name(), b.family(), b.layers(), b.hiddenSize(),
                        b.heads() > 0 ? String.valueOf(b.heads()) : "-", b.parameters(), b.source());
            }
        });
        out.flush();
        return 0;
    }
}
