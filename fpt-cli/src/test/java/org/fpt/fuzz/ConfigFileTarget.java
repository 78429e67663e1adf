package org.fpt.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.fpt.cli.Main;

/**
 * {@code fpt train --config FILE} (YAML), run through the CLI itself with a task name no plugin has: a config
 * the CLI accepts ends at "No task" (before any engine loads), anything else must be refused in one line
 * that names the file. The usage hint picocli adds after a bad option ("Try 'fpt train --help'.") is not
 * part of the error line.
 */
final class ConfigFileTarget extends TextFileTarget {
    static final String CONFIG = """
            # defaults for quick runs
            steps: 40
            batch-size: 8
            lr: 0.003
            seed: 5
            eval-every: 10
            body: gpt2-tiny
            init: random
            policy: "lora:r=4"
            readout: last
            backend: cpu
            """;
    private static final String ACCEPTED = "No task 'fuzz-no-such-task'";

    ConfigFileTarget() {
        super("--config (YAML)", "quick.yaml", CONFIG);
    }

    @Override
    void readFile(Path file) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        synchronized (ConfigFileTarget.class) {
            try {
                System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Main.run("train", "--config", file.toString(), "--task", "fuzz-no-such-task");
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .filter(l -> !l.matches("Try 'fpt [a-z]+ --help'\\.")).toList();
        if (code != 0 && lines.size() == 1 && lines.get(0).contains(ACCEPTED)) {
            return;
        }
        throw new CliError(code, lines.stream().map(l -> l.startsWith("fpt: ") ? l.substring(5) : l).collect(Collectors.joining("\n")));
    }


    /** What the CLI printed on standard error when it refused the config (exit code first, for the report). */
    static final class CliError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CliError(int code, String stderr) {
            super(stderr.isBlank() ? null : stderr + (stderr.contains("\n") ? "" : " [exit " + code + "]"));
        }
    }
}
