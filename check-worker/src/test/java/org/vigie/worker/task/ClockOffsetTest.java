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
    void theFirstTaskAlreadyCorrects() {
        // a worker an hour ahead must not dead-letter its first prefetch as expired while it gathers samples
        Instant now = t0.plus(Duration.ofHours(1)).plusMillis(3);
        // one sample: the task is taken to have arrived the moment it was issued
        assertThat(offset.arrived(t0, now)).isEqualTo(t0);
        assertThat(offset.offsetMillis()).isEqualTo(Duration.ofHours(1).toMillis() + 3);
    }

    @Test
    void aLateFirstTaskIsOutweighedByPromptOnes() {
        offset.arrived(t0, t0.plusSeconds(9)); // waited in a backlog: 9 s look like an offset at first
        assertThat(offset.offsetMillis()).isEqualTo(9_000);
        offset.arrived(t0.plusSeconds(10), t0.plusSeconds(10).plusMillis(4));
        assertThat(offset.offsetMillis()).isEqualTo(4);
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
