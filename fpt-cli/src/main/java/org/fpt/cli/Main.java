package org.fpt.cli;

import java.io.UncheckedIOException;
import java.util.Arrays;
import org.fpt.plugin.PluginException;
import org.fpt.plugin.PluginPath;
import org.fpt.spi.TaskPropertyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
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

    /**
     * A bad path is a bad option (exit 2), checked while parsing. A {@code --config} file may not set it
     * ({@link ConfigDefaults}): a config file is data, and a plugin path loads code.
     */
    @Option(names = "--plugin-path", scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATH",
            description = "Plugin jars: directories and jars separated by '${sys:path.separator}' (default: $FPT_PLUGIN_PATH).")
    void pluginPath(String path) {
        try {
            if (path != null) {
                PluginPath.jars(path);
            }
        } catch (PluginException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "--plugin-path: " + e.getMessage(), e);
        }
        Host.usePluginPath(path);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        Host.usePluginPath(null);
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        ConfigDefaults config;
        try {
            config = ConfigDefaults.fromArgs(args);
            if (config != null) {
                cli.setDefaultValueProvider(config);
            }
        } catch (IllegalArgumentException e) {
            cli.getErr().println("fpt: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = message(e) + Host.noPluginPathHint(e);
            commandLine.getErr().println("fpt: " + (config == null ? message : config.attribute(message)));
            if (main.verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            // a -P the task refuses, or a value in a spec or config file, is bad input like a bad option
            return e instanceof TaskPropertyException || e instanceof InputFileException ? 2 : 1;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine commandLine = e.getCommandLine();
            commandLine.getErr().println("fpt: " + (config == null ? e.getMessage() : config.attribute(e)));
            commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (Error e) { // NOPMD - picocli passes Errors through; the user still gets one line, not a JVM stack trace
            cli.getErr().println("fpt: " + (e instanceof OutOfMemoryError ? "out of memory (" + message(e)
                    + "): give Java more heap, e.g. FPT_JAVA_OPTS=-Xmx8g" : e.getClass().getSimpleName() + ": " + message(e)));
            if (main.verbose) {
                e.printStackTrace(cli.getErr());
            }
            return 1;
        }
    }

    /** An exception's message as one line: what the user sees after "fpt: ". */
    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
