package org.fpt.spi;

/** Extension point: a modality with its data, labels and metric. Register in {@code META-INF/services}. */
public interface TaskFactory extends Named {
    /** Builds the task; reads or generates its data. Errors name the file and what was expected. */
    Task create(TaskOptions options);
}
