package org.fpt.spi;

/**
 * A batch in plain arrays, so tasks need no engine. Exactly one of {@code values} ({@code size x tokens x
 * valueDim}) and {@code ids} ({@code size x tokens}) is set. {@code lengths} gives each example's valid
 * length (right padding), or is {@code null} when every example fills all tokens. {@code labels} holds
 * {@link OutputSpec#labelsPerExample()} class indices per example.
 *
 * <p>The host checks every training and evaluation batch against its task's specs before the model sees it,
 * and stops with one line naming the task and the field: {@code tokens} equals {@code input().tokens()}
 * (a padded batch, one with {@code lengths}, may be shorter, as id tasks padded to their longest sequence
 * are); {@code values} has {@code size * tokens * valueDim} floats; every id is in
 * {@code [0, vocabSize)}; every length in {@code [1, tokens]}; {@code labels} has
 * {@code size * labelsPerExample} entries, each in {@code [0, numClasses)}.
 */
public record Batch(int size, int tokens, float[] values, int[] ids, int[] lengths, int[] labels) {
    public Batch {
        if ((values == null) == (ids == null)) {
            throw new IllegalArgumentException("Batch needs exactly one of values, ids");
        }
        if (lengths != null && lengths.length != size) {
            throw new IllegalArgumentException("Batch lengths has " + lengths.length + " entries for " + size + " examples");
        }
    }

    public static Batch ofValues(int size, int tokens, float[] values, int[] labels) {
        return new Batch(size, tokens, values, null, null, labels);
    }

    public static Batch ofIds(int size, int tokens, int[] ids, int[] lengths, int[] labels) {
        return new Batch(size, tokens, null, ids, lengths, labels);
    }

    public int length(int example) {
        return lengths == null ? tokens : lengths[example];
    }
}
