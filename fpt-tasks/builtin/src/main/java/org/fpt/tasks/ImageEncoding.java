package org.fpt.tasks;

import org.fpt.spi.TaskProperties;

/**
 * What an image task's properties ask for before any image is read: the encoder and the augmentation, built from
 * {@code props}, which the reading still needs ({@code validation-size}). Building it checks those properties, so
 * {@link org.fpt.spi.TaskFactory#checkProperties} and {@code create} share one reading of them.
 */
record ImageEncoding(TaskProperties props, ImageEncoder encoder, Augmentation augmentation) {
    ImageEncoding {
        props.integer("validation-size", 0, 0); // its range here; whether it leaves training images needs the data
    }
}
