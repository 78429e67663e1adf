package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a stop waits for the native work in flight (the stop itself: fpt-cli's StopSignalTest). */
class NativeWorkWaitTest {
    @Test
    void shortUnitsLeaveTheMinimumWait() {
        assertThat(NativeWork.waitBound(Duration.ZERO)).isEqualTo(NativeWork.MIN_WAIT);
        assertThat(NativeWork.waitBound(Duration.ofSeconds(12))).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aLongUnitLengthensTheWaitToCoverOneSlowedByLoad() {
        // the written-out LSTM's step that a fixed 120 s cut: now a stop waits for four such steps
        assertThat(NativeWork.waitBound(Duration.ofSeconds(183))).isEqualTo(Duration.ofSeconds(732));
    }

    @Test
    void finishedUnitsAreMeasuredOutermostOnly() throws InterruptedException {
        try (NativeWork step = NativeWork.begin()) {
            try (NativeWork checkpointInsideTheStep = NativeWork.begin()) {
                Thread.sleep(20);
            }
            Thread.sleep(60);
        }
        // the outer unit took at least 80 ms; had the inner one ended the measurement, 20 ms would be the longest
        assertThat(NativeWork.longestUnit()).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(NativeWork.waitBound()).isEqualTo(NativeWork.waitBound(NativeWork.longestUnit()));
    }
}
