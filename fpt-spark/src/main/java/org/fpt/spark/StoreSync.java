package org.fpt.spark;

import java.nio.file.Path;
import java.util.Optional;
import org.fpt.train.Checkpointing;
import org.fpt.train.TrainingListener;

/**
 * Keeps a run's shared-store directory in step with the local directory it trains in: whenever a new checkpoint
 * has appeared locally (checked as each step starts, so the checkpoint of the step before is complete), it goes to
 * the store with the metrics written so far.
 */
final class StoreSync implements TrainingListener {
    private final Path local;
    private final StoredRun remote;
    private long syncedStep;

    StoreSync(Path local, StoredRun remote, int resumedAt) {
        this.local = local;
        this.remote = remote;
        this.syncedStep = resumedAt;
    }

    @Override
    public void onStep(int step, float loss) {
        Optional<Path> latest = Checkpointing.latest(local);
        if (latest.isPresent() && StoredRun.stepOf(latest.get().getFileName().toString()) > syncedStep) {
            remote.pushCheckpoint(latest.get(), local.resolve(StoredRun.METRICS));
            syncedStep = StoredRun.stepOf(latest.get().getFileName().toString());
        }
    }

    /** After training: the final checkpoint, the summary and the finished metrics. */
    void finish(String summaryJson) {
        Path last = Checkpointing.latest(local).orElseThrow(() -> new IllegalStateException("The run wrote no checkpoint in " + local));
        remote.pushFinal(last, summaryJson, local.resolve(StoredRun.METRICS));
    }
}
