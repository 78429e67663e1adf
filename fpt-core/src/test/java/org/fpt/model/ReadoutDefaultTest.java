package org.fpt.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadoutDefaultTest {
    @Test
    void causalBodiesReadTheLastTokensBidirectionalOnesTheMeanOfOne() {
        assertThat(Readout.defaultFor(true, 1)).isEqualTo(Readout.LAST);
        assertThat(Readout.defaultFor(true, 20)).isEqualTo(Readout.LAST);
        assertThat(Readout.defaultFor(false, 1)).isEqualTo(Readout.MEAN);
        assertThat(Readout.defaultFor(false, 20)).isEqualTo(Readout.LAST);
    }
}
