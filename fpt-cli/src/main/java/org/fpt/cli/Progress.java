package org.fpt.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fpt.spi.Task.Split;
import org.fpt.train.Evaluation;
import org.fpt.train.TrainingListener;

/**
 * Progress on stderr. On a terminal: a bar with ETA, live training loss and the last held-out accuracy;
 * evaluation batches show in the same line while training runs (two bars on one terminal would interleave),
 * or in a bar of their own when only evaluating ({@code fpt eval}). Anywhere else (a file, a pipe, a CI log)
 * a bar's {@code \r} frames are noise, so it writes one plain line per evaluation and nothing in between.
 * Either way a line is complete when a later message (an error, the summary) is printed.
 */
final class Progress implements TrainingListener, AutoCloseable {
    private final String name;
    private final boolean terminal;
    private final PrintStream lines;
    private ProgressBar bar;
    private ProgressBar evalBar;
    private String lastEval = "";
    private float lastLoss = Float.NaN;
    private int resumedAt;
    private int steps;
    private final long started = System.nanoTime();

    Progress(String name) {
        this(name, stderrIsTerminal());
    }

    Progress(String name, boolean terminal) {
        this.name = name;
        this.terminal = terminal;
        this.lines = System.err;
    }

    @Override
    public void onResume(int doneSteps) {
        resumedAt = doneSteps;
        if (!terminal) {
            lines.printf(Locale.ROOT, "%s: resuming after step %d%n", name, doneSteps);
        }
    }

    @Override
    public void onStart(int steps) {
        this.steps = steps;
        if (terminal) {
            bar = build(name, steps).startsFrom(resumedAt, Duration.ZERO).build();
        }
    }

    @Override
    public void onStep(int step, float loss) {
        lastLoss = loss;
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s", loss, lastEval));
        }
    }

    @Override
    public void onEvaluationProgress(Split split, int done, int total, float loss, double accuracy) {
        if (!terminal) {
            return;
        }
        String live = String.format(Locale.ROOT, "%s %d/%d loss %.4f acc %.4f", split(split), done, total, loss, accuracy);
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f | eval %s", lastLoss, live));
            return;
        }
        if (evalBar == null) {
            evalBar = build("eval " + split(split), total).build();
        }
        evalBar.stepTo(done);
        evalBar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.4f", loss, accuracy));
        if (done == total) {
            evalBar.close();
            evalBar = null;
        }
    }

    @Override
    public void onEvaluation(int step, Evaluation e) {
        lastEval = String.format(Locale.ROOT, " %s acc %.4f", split(e.split()), e.accuracy());
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s", lastLoss, lastEval));
        } else if (!terminal) {
            lines.printf(Locale.ROOT, "%s: step %d/%d, train loss %.4f, %s loss %.4f acc %.4f, %.0f s%n", name, step, steps, lastLoss,
                    split(e.split()), e.loss(), e.accuracy(), (System.nanoTime() - started) / 1e9);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close(); // ends the bar's line
        }
        if (evalBar != null) {
            evalBar.close();
        }
        lines.flush();
    }

    /**
     * Whether stderr is a terminal. On Linux its file descriptor says so ({@code /proc/self/fd/2} links to a
     * tty); elsewhere {@link System#console()} (a terminal on stdin and stdout) is the best guess.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // fall through to the portable guess
        }
        return System.console() != null;
    }

    private static ProgressBarBuilder build(String name, long max) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate();
    }

    private static String split(Split split) {
        return split.name().toLowerCase(Locale.ROOT);
    }
}
