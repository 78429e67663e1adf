package org.fpt.cli;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.fpt.plugin.Plugins;
import org.fpt.train.Runs;

/**
 * Every value an experiment spec names, checked before any run starts: a typo would otherwise fail only when its
 * run is reached, maybe hours into the grid. Each task, policy (PEFT options too) and body is resolved by the
 * plugins that would build it; each task's properties are checked by the task, names and values, without its data
 * ({@link Runs#requireTaskProperties}); each body is built with each init and each task's positions as a run
 * builds it and prepared by each policy ({@link Runs#requireBody}: a pretrained init needs weights where the body's
 * source looks for them; a LoRA rank must fit the body).
 * These are the checks {@code fpt train} makes of its options ({@link Runs#requireValid}), made key by key so that
 * the first problem is one line naming the file, the key and the value. The inits, the precision and the numbers
 * are checked as the spec is read ({@link ExperimentSpec#read}).
 */
final class ExperimentChecks {
    private final Path file;
    private final ExperimentSpec spec;
    private final Plugins plugins;
    private final Runs runs;

    private ExperimentChecks(Path file, ExperimentSpec spec, Injector host) {
        this.file = file;
        this.spec = spec;
        this.plugins = host.getInstance(Plugins.class);
        this.runs = host.getInstance(Runs.class);
    }

    /**
     * Checks {@code spec}, read from {@code file}, with {@code host}'s plugins. {@code bodiesHere}: whether the runs
     * read their bodies on this machine. Where they run on others (a Spark cluster), bodies given as paths or URIs
     * and the weights of a pretrained init are left to them: they may be there only. A body given as a URI is left
     * to the runs on any master.
     */
    static void check(Path file, ExperimentSpec spec, Injector host, boolean bodiesHere) {
        new ExperimentChecks(file, spec, host).all(bodiesHere);
    }

    private void all(boolean bodiesHere) {
        each("tasks", spec.tasks(), plugins.tasks()::get);
        each("policies", spec.policies(), plugins::policy);
        requireListed("task_properties", spec.taskProperties().keySet(), "tasks", spec.tasks());
        requireListed("task_steps", spec.taskSteps().keySet(), "tasks", spec.tasks());
        requireListed("data_dirs", spec.dataDirs().keySet(), "tasks", spec.tasks());
        requireListed("task_positions", spec.taskPositions().keySet(), "tasks", spec.tasks());
        requireListed("policy_lr", spec.policyLr().keySet(), "policies", spec.policies());
        each("bodies", spec.bodies(), body -> {
            if (checkedHere(body, bodiesHere)) {
                plugins.bodySourceFor(body);
            }
        });
        for (String task : spec.taskProperties().keySet()) {
            ExperimentSpec.Run run = firstRun(task, spec.bodies().get(0), spec.inits().get(0));
            at("task_properties." + task, () -> runs.requireTaskProperties(spec.runSpec(run)));
        }
        bodiesWithInits(bodiesHere);
    }

    /**
     * Whether {@code body} can be checked on this machine: a name always; a local path where the runs read their bodies
     * here; a URI ({@code hdfs://...}) never, since the runs read it through Hadoop's FileSystem, which this process lacks.
     */
    private static boolean checkedHere(String body, boolean bodiesHere) {
        return !isUri(body) && (bodiesHere || !(body.contains("/") || body.contains(":")));
    }

    private static boolean isUri(String body) {
        return body.contains("://");
    }

    /**
     * Each body built with each init and prepared by each policy (a LoRA rank must fit the body's projections), and
     * with each task's positions where {@code task_positions} gives some. Where the runs read their bodies elsewhere
     * ({@code bodiesHere} false: a cluster), only named bodies are built here, and with a random init: their pretrained
     * weights may be on the workers only, but the shapes that policies and positions depend on are the same.
     */
    private void bodiesWithInits(boolean bodiesHere) {
        List<String> inits = bodiesHere ? spec.inits() : List.of("random");
        Set<List<Object>> built = new HashSet<>();
        for (int b = 0; b < spec.bodies().size(); b++) {
            String body = spec.bodies().get(b);
            if (!checkedHere(body, bodiesHere)) {
                continue;
            }
            for (int i = 0; i < inits.size(); i++) {
                for (int p = 0; p < spec.policies().size(); p++) {
                    for (String task : spec.tasks()) {
                        Integer positions = spec.taskPositions().get(task);
                        if (built.add(List.of(body, inits.get(i), spec.policies().get(p), positions == null ? 0 : positions))) {
                            ExperimentSpec.Run run = new ExperimentSpec.Run(task, body, inits.get(i), spec.policies().get(p), spec.seeds().get(0));
                            String key = "bodies[" + b + "]" + (bodiesHere ? " with inits[" + i + "]" : "")
                                    + (spec.policies().size() == 1 ? "" : " and policies[" + p + "]")
                                    + (positions == null ? "" : " and task_positions." + task);
                            at(key, () -> runs.requireBody(spec.runSpec(run)));
                        }
                    }
                }
            }
        }
    }

    /**
     * The names {@code key} maps to values ({@code {task: value}}) must be entries of {@code listKey}: a value for no
     * run of the grid is a typo ({@code task_properties.bit-memroy}) that would otherwise be silently unused.
     */
    private void requireListed(String key, Set<String> names, String listKey, List<String> listed) {
        for (String name : names) {
            if (!listed.contains(name)) {
                throw new InputFileException("Experiment " + file + ": " + key + "." + name + ": '" + name + "' is none of the "
                        + listKey + " " + listed);
            }
        }
    }

    /** The grid's first run of {@code task} with {@code body} and {@code init}. */
    private ExperimentSpec.Run firstRun(String task, String body, String init) {
        return new ExperimentSpec.Run(task, body, init, spec.policies().get(0), spec.seeds().get(0));
    }

    private void each(String key, List<String> values, Consumer<String> check) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            at(key + "[" + i + "]", () -> check.accept(value));
        }
    }

    /** Runs {@code check}; a refusal becomes one line naming the file and {@code key}. */
    private void at(String key, Runnable check) {
        OptionChecks.refusing(() -> {
            check.run();
            return null;
        }, e -> new InputFileException("Experiment " + file + ": " + key + ": " + e.getMessage() + Host.noPluginPathHint(e), e));
    }
}
