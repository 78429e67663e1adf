package org.fpt.train;

import org.fpt.spi.Task.Split;

/** Mean loss and accuracy over every example of one split (accuracy per predicted label). */
public record Evaluation(Split split, int examples, float loss, double accuracy) {
}
