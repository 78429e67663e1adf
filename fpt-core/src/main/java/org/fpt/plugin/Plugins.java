package org.fpt.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fpt.policies.PeftPolicy;
import org.fpt.bodies.BodyDirectory;
import org.fpt.spi.Backend;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ModalityAdapter;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.TaskFactory;

/**
 * Every extension point's registry, loaded from one class loader (the host's, plus plugin jars). PEFT methods
 * are selected as policies ({@link #policy}), so a policy and a PEFT method may not share a name. Body names
 * are unique across all body sources, as plugin names are per kind: two sources offering one body is an
 * error naming both, never a silent first match.
 */
public record Plugins(
        PluginRegistry<TaskFactory> tasks,
        PluginRegistry<ModalityAdapter> adapters,
        PluginRegistry<FreezingPolicy> policies,
        PluginRegistry<Backend> backends,
        PluginRegistry<BodySource> bodySources,
        PluginRegistry<PeftMethod> peftMethods) {

    public Plugins {
        for (PeftMethod method : peftMethods.all()) {
            if (policies.contains(method.name())) {
                FreezingPolicy policy = policies.get(method.name());
                throw new PluginException(String.format("Policy '%s' is claimed twice: policy %s (%s) and PEFT method %s (%s)",
                        method.name(), policy.getClass().getName(), PluginRegistry.origin(policy),
                        method.getClass().getName(), PluginRegistry.origin(method)));
            }
        }
        for (BodySource source : bodySources.all()) {
            for (BodyInfo body : source.bodies()) {
                requireOneSource(body.name(), bodySources.all().stream().filter(s -> s.accepts(body.name())).toList());
            }
        }
    }

    public static Plugins load(ClassLoader loader) {
        return new Plugins(
                PluginRegistry.load("task", TaskFactory.class, loader),
                PluginRegistry.load("adapter", ModalityAdapter.class, loader),
                PluginRegistry.load("policy", FreezingPolicy.class, loader),
                PluginRegistry.load("backend", Backend.class, loader),
                PluginRegistry.load("body source", BodySource.class, loader),
                PluginRegistry.load("PEFT method", PeftMethod.class, loader));
    }

    /**
     * The policy a spec names, configured with the spec's options ({@code lora:r=4,alpha=8}): a freezing policy,
     * or a PEFT method as a policy ({@link PeftPolicy}: the FPT set plus what the method adds).
     */
    public FreezingPolicy policy(String spec) {
        PolicySpec parsed = PolicySpec.parse(spec);
        if (peftMethods.contains(parsed.name())) {
            return new PeftPolicy(peftMethods.get(parsed.name())).configure(parsed.options());
        }
        if (!policies.contains(parsed.name())) {
            throw new PluginException(String.format("No policy '%s'. Available: %s", parsed.name(), String.join(", ", policyNames())));
        }
        return policies.get(parsed.name()).configure(parsed.options());
    }

    /** Every name {@code --policy} accepts: the freezing policies and the PEFT methods. */
    public List<String> policyNames() {
        List<String> names = new ArrayList<>(policies.names());
        names.addAll(peftMethods.names());
        return names.stream().sorted().toList();
    }

    /**
     * The one source that accepts {@code spec}; an unknown body lists every body name on offer, a directory no
     * source takes is refused with what is wrong in it (a broken config.json or safetensors, an unknown family),
     * and a spec two sources accept (a name one lists and another's pattern matches, a directory both read) is
     * an error.
     */
    public BodySource bodySourceFor(String spec) {
        List<BodySource> accepting = bodySources.all().stream().filter(s -> s.accepts(spec)).toList();
        if (accepting.isEmpty()) {
            throw new PluginException(BodyDirectory.problem(spec).map(problem -> "No body '" + spec + "': " + problem)
                    .orElseGet(() -> String.format("No body '%s'. Available: %s (or a directory with a checkpoint)",
                            spec, String.join(", ", bodyNames()))));
        }
        requireOneSource(spec, accepting);
        return accepting.get(0);
    }

    private static void requireOneSource(String body, List<BodySource> accepting) {
        if (accepting.size() > 1) {
            throw new PluginException(String.format("Body '%s' is offered by two body sources: %s and %s; remove one of their jars",
                    body, describe(accepting.get(0)), describe(accepting.get(1))));
        }
    }

    private static String describe(BodySource source) {
        return String.format("'%s' (%s in %s)", source.name(), source.getClass().getName(), PluginRegistry.location(source.getClass()));
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
