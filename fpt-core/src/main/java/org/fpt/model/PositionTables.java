package org.fpt.model;

/**
 * A body's learned position table made longer ({@code --positions N}), for tasks with more tokens than the
 * body was pretrained on. FPT trains the positions anyway (policy {@code fpt}), so the new rows only need a
 * sensible start:
 * <ul>
 *   <li>rows {@code 0 .. P-1} stay the pretrained rows, bit for bit: a sequence of at most P tokens, and the
 *       first P tokens of a longer one, see exactly what the pretrained body saw;</li>
 *   <li>rows {@code P .. N-1} are the pretrained table once more, resampled to {@code N - P} rows by linear
 *       interpolation over the position axis: row {@code P + j} is the table read at
 *       {@code x = j (P - 1) / (N - P - 1)}, so row P is pretrained row 0 and row N-1 is pretrained row P-1.
 *       For N = 2P this is an exact copy, as Longformer (Beltagy et al., 2020) initialised its 4,096
 *       positions from RoBERTa's 512.</li>
 * </ul>
 * Special leading rows (ViT's CLS row) are kept and not resampled.
 */
public final class PositionTables {
    /** Longer tables than this are a typo: LRA's longest task has 16K tokens. */
    public static final int MAX_POSITIONS = 1 << 16;

    private PositionTables() {
    }

    /**
     * Refuses a request to shrink the table or to make it absurdly long; {@code false} when it already has
     * {@code requested} positions (nothing to do).
     */
    public static boolean requireExtension(String body, int current, int requested) {
        if (requested < current || requested > MAX_POSITIONS) {
            throw new IllegalArgumentException("--positions " + requested + ": body '" + body + "' has " + current
                    + " positions; they can be extended to at most " + MAX_POSITIONS + ", never shortened");
        }
        return requested > current;
    }

    /**
     * {@code table} ({@code [skip + P, width]}, row-major) extended to {@code [skip + newRows, width]}: the
     * {@code skip} leading rows and the P position rows as they are, then {@code newRows - P} rows resampled
     * from the P position rows as the class comment says.
     */
    public static float[] extend(float[] table, int width, int skip, int newRows) {
        int rows = table.length / width - skip;
        if (rows < 1 || newRows < rows || table.length % width != 0) {
            throw new IllegalArgumentException("Cannot extend a table of " + table.length + " values (width " + width + ", "
                    + skip + " leading rows) to " + newRows + " positions");
        }
        float[] out = java.util.Arrays.copyOf(table, (skip + newRows) * width);
        int added = newRows - rows;
        for (int j = 0; j < added; j++) {
            double x = added == 1 ? 0 : (double) j * (rows - 1) / (added - 1);
            int below = (int) Math.floor(x);
            int above = Math.min(below + 1, rows - 1);
            double fraction = x - below;
            int target = (skip + rows + j) * width;
            int a = (skip + below) * width;
            int b = (skip + above) * width;
            for (int c = 0; c < width; c++) {
                out[target + c] = (float) ((1 - fraction) * table[a + c] + fraction * table[b + c]);
            }
        }
        return out;
    }
}
