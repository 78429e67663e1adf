package org.fpt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PositionTablesTest {
    /** 4 rows of width 2: row r is (r, 10 r). */
    private static final float[] TABLE = {0, 0, 1, 10, 2, 20, 3, 30};

    @Test
    void keepsThePretrainedRowsAndAppendsTheTableResampledOverThePositionAxis() {
        float[] extended = PositionTables.extend(TABLE, 2, 0, 11); // 7 new rows from 4: x = 0, 0.5, 1, ..., 3
        assertThat(Arrays.copyOf(extended, 8)).as("pretrained rows, bit for bit").containsExactly(TABLE);
        for (int j = 0; j < 7; j++) {
            double x = j * 3.0 / 6;
            assertThat(extended[(4 + j) * 2]).as("row %d", 4 + j).isCloseTo((float) x, within(1e-6f));
            assertThat(extended[(4 + j) * 2 + 1]).as("row %d", 4 + j).isCloseTo((float) (10 * x), within(1e-5f));
        }
    }

    @Test
    void twiceTheLengthIsAnExactCopyAndLeadingRowsStayOutOfTheResampling() {
        assertThat(PositionTables.extend(TABLE, 2, 0, 8)).containsExactly(0, 0, 1, 10, 2, 20, 3, 30, 0, 0, 1, 10, 2, 20, 3, 30);
        // ViT: row 0 is CLS; the 3 position rows are extended to 5, CLS kept once.
        assertThat(PositionTables.extend(TABLE, 2, 1, 5)).containsExactly(0, 0, 1, 10, 2, 20, 3, 30, 1, 10, 3, 30);
        assertThat(PositionTables.extend(TABLE, 2, 0, 4)).containsExactly(TABLE);
    }

    @Test
    void shorterOrAbsurdTablesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> PositionTables.requireExtension("minilm-l6", 512, 100))
                .hasMessage("--positions 100: body 'minilm-l6' has 512 positions; they can be extended to at most 65536, never shortened");
        assertThatThrownBy(() -> PositionTables.requireExtension("minilm-l6", 512, 70000)).hasMessageStartingWith("--positions 70000");
        assertThat(PositionTables.requireExtension("minilm-l6", 512, 512)).isFalse();
        assertThat(PositionTables.requireExtension("minilm-l6", 512, 1024)).isTrue();
    }
}
