package org.fpt.cli;

import org.fpt.plugin.PluginPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code fpt} command. Errors print one line (the whole stack trace with {@code --verbose}). */
@Command(name = "fpt", mixinStandardHelpOptions = true, version = "fpt 0.1.0",
        description = "Frozen Pretrained Transformers on the JVM: train a frozen language model on a new modality.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, AttentionCommand.class, ExperimentCommand.class,
                PluginsCommand.class, BodiesCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces and debug logs.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Option(names = "--plugin-path", scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATH",
            description = "Plugin jars: directories and jars separated by '${sys:path.separator}' (default: $FPT_PLUGIN_PATH).")
    void pluginPath(String path) {
        OptionChecks.parsed(spec, () -> PluginPath.jars(path)); // every entry exists: a typo is a usage error
        Host.usePluginPath(path);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        Host.usePluginPath(null);
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        try {
            ConfigDefaults config = ConfigDefaults.fromArgs(args);
            if (config != null) {
                cli.setDefaultValueProvider(config);
            }
        } catch (IllegalArgumentException e) {
            cli.getErr().println("fpt: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("fpt: " + message(e));
            if (main.verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine commandLine = e.getCommandLine();
            commandLine.getErr().println("fpt: " + e.getMessage());
            commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cli.execute(args);
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
