package org.fpt.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.Success$;
import org.fpt.cli.grid.GridProgress;

/** Counts the grid's runs from Spark's task events: a task is a run, a failed task an attempt Spark will retry. */
final class ProgressListener extends SparkListener {
    private final GridProgress progress;

    ProgressListener(GridProgress progress) {
        this.progress = progress;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        progress.started();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.reason() == Success$.MODULE$) {
            progress.finished();
        } else {
            progress.failed();
        }
    }
}
