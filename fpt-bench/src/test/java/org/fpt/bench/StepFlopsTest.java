package org.fpt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepFlopsTest {
    @Test
    void gpt2SmallFrozenStepIs177Point6Gflop() {
        BenchShape s = BenchShape.GPT2_SMALL;
        // projections: 2 x 512 tokens x 12 C^2 x 12 layers; attention: 4 x 512 x 64 x 768 x 12
        double projections = 2.0 * 512 * 12 * 768 * 768 * 12;
        double attention = 4.0 * 512 * 64 * 768 * 12;
        assertThat(StepFlops.projections(s)).isEqualTo(projections);
        assertThat(StepFlops.attention(s)).isEqualTo(attention);
        assertThat(StepFlops.trainStep(s, true) / 1e9).isCloseTo(177.6, within(0.1));
        assertThat(StepFlops.trainStep(s, false) / 1e9).isCloseTo(264.6, within(0.1));
        assertThat(StepFlops.inference(s) / 1e9).isCloseTo(88.2, within(0.1));
    }

    @Test
    void fullTrainingIsAboutSixFlopsPerParameterAndToken() {
        BenchShape s = BenchShape.GPT2_SMALL;
        double projectionParams = 12.0 * 768 * 768 * 12;
        assertThat(StepFlops.trainStep(s, false)).isGreaterThan(6 * projectionParams * s.tokensPerStep());
        assertThat(StepFlops.trainStep(s, true) / StepFlops.trainStep(s, false)).isCloseTo(0.67, within(0.01));
    }
}
