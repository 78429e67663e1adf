package org.fpt.tasks;

import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.Task;

/** The input and output shapes every built-in task fixes at creation. */
abstract class ShapedTask implements Task {
    private final InputSpec input;
    private final OutputSpec output;

    ShapedTask(InputSpec input, OutputSpec output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public final InputSpec input() {
        return input;
    }

    @Override
    public final OutputSpec output() {
        return output;
    }
}
