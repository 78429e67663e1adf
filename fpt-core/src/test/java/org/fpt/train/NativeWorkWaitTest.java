package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How long a stop waits for the native work in flight (the stop itself: fpt-cli's StopSignalTest). */
class NativeWorkWaitTest {
    @Test
    void shortUnitsLeaveTheMinimumWait() {
        assertThat(NativeWork.waitBound(Duration.ZERO)).isEqualTo(NativeWork.MIN_WAIT);
        assertThat(NativeWork.waitBound(Duration.ofSeconds(29))).isEqualTo(Duration.ofSeconds(120));
        assertThat(NativeWork.waitBound(Duration.ofSeconds(31))).isEqualTo(Duration.ofSeconds(124));
    }

    @Test
    void aLongUnitLengthensTheWaitToCoverOneSlowedByLoad() {
        // the written-out LSTM's step that a fixed 120 s cut: now a stop waits for four such steps
        assertThat(NativeWork.waitBound(Duration.ofSeconds(183))).isEqualTo(Duration.ofSeconds(732));
    }

    @Test
    void aPausedUnitDoesNotMakeTheWaitUnbounded() {
        assertThat(NativeWork.waitBound(Duration.ofHours(1))).isEqualTo(NativeWork.MAX_WAIT).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void finishedUnitsAreMeasuredOutermostOnly() throws InterruptedException {
        NativeWork.forgetFinishedUnits();
        try (NativeWork step = NativeWork.begin()) {
            Thread.sleep(60);
            try (NativeWork checkpointInsideTheStep = NativeWork.begin()) {
                Thread.sleep(20);
            }
        }
        // the step took at least 80 ms; timing the inner unit alone, or from its start, would give about 20 ms
        assertThat(NativeWork.longestUnit()).isGreaterThanOrEqualTo(Duration.ofMillis(80)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aUnitClosedOnAnotherThreadIsRefused() throws Exception {
        NativeWork unit = NativeWork.begin();
        try {
            CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(unit::close);
            assertThatThrownBy(elsewhere::join).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed on");
        } finally {
            unit.close();
        }
        unit.close(); // closing twice is harmless: the thread's next unit is outermost again, and measured
        NativeWork.forgetFinishedUnits();
        try (NativeWork next = NativeWork.begin()) {
            Thread.sleep(30);
        }
        assertThat(NativeWork.longestUnit()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }
}
