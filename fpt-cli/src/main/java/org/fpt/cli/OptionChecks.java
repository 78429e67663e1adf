package org.fpt.cli;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fpt.plugin.PluginException;
import org.fpt.spi.TaskPropertyException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types cannot express. A failure is a usage error (exit 2, one line
 * naming the option), raised before anything is read or trained; no value is clamped into range.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** A count from 1 to {@code max}. */
    static int count(CommandSpec spec, String option, int value, int max) {
        if (value < 1 || value > max) {
            throw usage(spec, String.format(Locale.ROOT, "%s must be between 1 and %d, got %d", option, max, value));
        }
        return value;
    }

    /** A positive, finite rate. */
    static float rate(CommandSpec spec, String option, float value) {
        if (!(value > 0 && Float.isFinite(value))) {
            throw usage(spec, option + " must be a positive finite number, got " + value);
        }
        return value;
    }

    /**
     * The value {@code parse} makes of the options; its refusal ({@link #refusing}) becomes a usage error. A task's
     * refusal of a {@code -P} property stays as it is: it is a usage error already (exit 2, one line naming the task
     * and the property), and keeps its stack trace for {@code --verbose}.
     */
    static <T> T parsed(CommandSpec spec, Supplier<T> parse) {
        return refusing(parse, e -> e instanceof TaskPropertyException ? e : usage(spec, e.getMessage() + Host.noPluginPathHint(e)));
    }

    /**
     * The value {@code parse} makes of what the user gave; where it refuses that input, {@code as} of the refusal is
     * thrown instead. A refusal is an {@link IllegalArgumentException} (e.g. "No init 'x'"), a {@link PluginException}
     * ("No task 'x'. Available: ...") or an {@link UnsupportedOperationException} (a body with no position table asked
     * for more positions); anything else is a failure, not bad input, and passes through.
     */
    static <T> T refusing(Supplier<T> parse, Function<RuntimeException, RuntimeException> as) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | PluginException | UnsupportedOperationException e) {
            throw as.apply(e);
        }
    }

    /** Runs {@code check}; its {@link IllegalArgumentException} becomes a usage error. */
    static void checked(CommandSpec spec, Runnable check) {
        parsed(spec, () -> {
            check.run();
            return null;
        });
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
