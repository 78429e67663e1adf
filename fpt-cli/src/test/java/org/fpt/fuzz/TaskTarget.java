package org.fpt.fuzz;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.fpt.spi.Task;
import org.fpt.spi.Task.Split;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;

/**
 * A task's file reader, reached the way a run reaches it: the task plugin creates the task from
 * {@code --data-dir}, then a batch of every split is read and a training batch drawn, so data read lazily is read too.
 */
abstract class TaskTarget extends Target {
    private final TaskFactory factory;
    private final Map<String, String> properties;
    private final boolean textual;

    TaskTarget(String name, TaskFactory factory, Map<String, String> properties, boolean textual) {
        super(name);
        this.factory = factory;
        this.properties = properties;
        this.textual = textual;
    }

    @Override
    final void read(Path dir) {
        Task task = factory.create(new TaskOptions(7, Optional.of(dir), properties));
        for (Split split : Split.values()) {
            int n = task.size(split);
            InvalidAccepted.check(n >= 0, split + " has " + n + " examples");
            if (n > 0) {
                task.batch(split, 0, Math.min(n, 16));
            }
        }
        task.trainBatch(4, new Random(1));
    }

    @Override
    final boolean inflates() {
        return true;
    }

    @Override
    final boolean textual() {
        return textual;
    }

    /** Every task reader takes gzip, so every one has a bomb. */
    @Override
    final boolean hasBomb() {
        return true;
    }
}
