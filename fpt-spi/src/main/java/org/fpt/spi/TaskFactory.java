package org.fpt.spi;

/** Extension point: a modality with its data, labels and metric. Register in {@code META-INF/services}. */
public interface TaskFactory extends Named {
    /** Builds the task; reads or generates its data. Errors name the file and what was expected. */
    Task create(TaskOptions options);

    /**
     * Checks {@code options}' properties, their names and every value that can be judged without the data, and
     * reads, generates and writes nothing: the host calls it for every task of an experiment grid before any run
     * starts, so that a typo fails at once, not when its run is reached hours later. Throws what {@link #create}
     * would throw for the same properties (a {@link TaskPropertyException}). The default checks nothing, which
     * leaves every check to {@link #create}; a task that reads its properties in one place can call it from both.
     */
    default void checkProperties(TaskOptions options) {
    }
}
