package org.vigie.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Unit test of the clock offset a worker estimates from the tasks it receives. */
class ClockOffsetTest {

    private final ClockOffset offset = new ClockOffset(new SimpleMeterRegistry());
    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aFewTasksCorrectNothing() {
        Instant now = t0.plus(Duration.ofHours(1));
        for (int i = 0; i < ClockOffset.ENOUGH - 1; i++) {
            assertThat(offset.arrived(t0, now)).isEqualTo(now);
        }
        assertThat(offset.offsetMillis()).isZero();
    }

    @Test
    void aWorkerAnHourAheadReadsTheDispatchersTime() {
        Duration ahead = Duration.ofHours(1);
        Instant last = null;
        for (int i = 0; i < ClockOffset.ENOUGH * 2; i++) {
            Instant issued = t0.plusSeconds(i);
            // most tasks arrive 2 ms after being issued, some later (a backlog)
            Instant arrival = issued.plusMillis(i % 5 == 0 ? 2 : 800).plus(ahead);
            last = offset.arrived(issued, arrival);
        }
        assertThat(offset.offsetMillis()).isEqualTo(ahead.toMillis() + 2);
        Instant lastIssued = t0.plusSeconds(ClockOffset.ENOUGH * 2 - 1);
        assertThat(last).isEqualTo(lastIssued.plusMillis(798));
    }

    @Test
    void aWorkerBehindIsCorrectedForward() {
        for (int i = 0; i < ClockOffset.ENOUGH; i++) {
            offset.arrived(t0.plusSeconds(i), t0.plusSeconds(i).minusSeconds(30).plusMillis(1));
        }
        assertThat(offset.offsetMillis()).isEqualTo(-29_999);
    }
}
