package org.fpt.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fpt.train.Evaluation;
import org.fpt.train.TrainingListener;

/** A progress bar on stderr with ETA, live training loss and the last held-out accuracy. */
final class Progress implements TrainingListener, AutoCloseable {
    private final String name;
    private ProgressBar bar;
    private String lastEval = "";

    Progress(String name) {
        this.name = name;
    }

    @Override
    public void onStart(int steps) {
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    @Override
    public void onStep(int step, float loss) {
        bar.stepTo(step);
        bar.setExtraMessage(String.format("loss %.4f%s", loss, lastEval));
    }

    @Override
    public void onEvaluation(int step, Evaluation e) {
        lastEval = String.format(" %s acc %.4f", e.split().name().toLowerCase(), e.accuracy());
        bar.setExtraMessage(lastEval.trim());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
