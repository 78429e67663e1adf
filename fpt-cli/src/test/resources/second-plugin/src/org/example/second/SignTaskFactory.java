package org.example.second;

import org.fpt.spi.Task;
import org.fpt.spi.TaskFactory;
import org.fpt.spi.TaskOptions;
import org.fpt.spi.TaskProperties;

/** {@code --task sign}: see {@link SignTask}. */
public final class SignTaskFactory implements TaskFactory {
    static final String NAME = "sign";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "is the sum of 12 Gaussian values positive (second test plugin)";
    }

    @Override
    public Task create(TaskOptions options) {
        new TaskProperties(NAME, options); // takes no properties: refuses any, naming it
        return new SignTask(options.seed());
    }
}
