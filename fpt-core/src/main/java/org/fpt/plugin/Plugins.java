package org.fpt.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fpt.bodies.BodyDirectory;
import org.fpt.spi.Backend;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.TaskFactory;

/** Every extension point's registry, loaded from one class loader (the host's, plus plugin jars). */
public record Plugins(
        PluginRegistry<TaskFactory> tasks,
        PluginRegistry<ModalityAdapter> adapters,
        PluginRegistry<FreezingPolicy> policies,
        PluginRegistry<Backend> backends,
        PluginRegistry<BodySource> bodySources) {

    public static Plugins load(ClassLoader loader) {
        return new Plugins(
                PluginRegistry.load("task", TaskFactory.class, loader),
                PluginRegistry.load("adapter", ModalityAdapter.class, loader),
                PluginRegistry.load("policy", FreezingPolicy.class, loader),
                PluginRegistry.load("backend", Backend.class, loader),
                PluginRegistry.load("body source", BodySource.class, loader));
    }

    /** The policy a spec names, configured with the spec's options ({@code lora:r=4,alpha=8}). */
    public FreezingPolicy policy(String spec) {
        PolicySpec parsed = PolicySpec.parse(spec);
        return policies.get(parsed.name()).configure(parsed.options());
    }

    /**
     * The source that offers {@code spec}; an unknown body lists every body name on offer, and a directory no
     * source takes is refused with what is wrong in it (a broken config.json or safetensors, an unknown family).
     */
    public BodySource bodySourceFor(String spec) {
        return bodySources.all().stream().filter(s -> s.accepts(spec)).findFirst().orElseThrow(() ->
                new PluginException(BodyDirectory.problem(spec).map(problem -> "No body '" + spec + "': " + problem)
                        .orElseGet(() -> String.format("No body '%s'. Available: %s (or a directory with a checkpoint)",
                                spec, String.join(", ", bodyNames())))));
    }

    public List<String> bodyNames() {
        List<String> names = new ArrayList<>();
        for (BodySource source : bodySources.all()) {
            source.bodies().stream().map(BodyInfo::name).forEach(names::add);
        }
        return names.stream().sorted().collect(Collectors.toList());
    }

    /** The available backend with the highest priority, or an error listing why each is unavailable. */
    public Backend bestBackend() {
        return backends.all().stream()
                .filter(b -> b.availability().available())
                .max(java.util.Comparator.comparingInt(Backend::priority))
                .orElseThrow(() -> new PluginException("No backend is available here: " + backends.all().stream()
                        .map(b -> b.name() + " (" + b.availability().reason() + ")")
                        .collect(Collectors.joining(", "))));
    }
}
