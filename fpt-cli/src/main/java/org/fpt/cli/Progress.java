package org.fpt.cli;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fpt.spi.Task.Split;
import org.fpt.train.Evaluation;
import org.fpt.train.TrainingListener;

/**
 * A progress bar on stderr with ETA, live training loss and the last held-out accuracy. Evaluation
 * batches show in the same line while training runs (two bars on one terminal would interleave), or in a
 * bar of their own when only evaluating ({@code fpt eval}).
 */
final class Progress implements TrainingListener, AutoCloseable {
    private final String name;
    private ProgressBar bar;
    private ProgressBar evalBar;
    private String lastEval = "";
    private float lastLoss = Float.NaN;
    private int resumedAt;

    Progress(String name) {
        this.name = name;
    }

    @Override
    public void onResume(int doneSteps) {
        resumedAt = doneSteps;
    }

    @Override
    public void onStart(int steps) {
        bar = build(name, steps).startsFrom(resumedAt, Duration.ZERO).build();
    }

    @Override
    public void onStep(int step, float loss) {
        lastLoss = loss;
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s", loss, lastEval));
    }

    @Override
    public void onEvaluationProgress(Split split, int done, int total, float loss, double accuracy) {
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
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s", lastLoss, lastEval));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        if (evalBar != null) {
            evalBar.close();
        }
    }

    private static ProgressBarBuilder build(String name, long max) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate();
    }

    private static String split(Split split) {
        return split.name().toLowerCase(Locale.ROOT);
    }
}
