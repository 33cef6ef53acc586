package org.vigie.dispatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SlotsTest {

    @Test
    void spreadsAThousandServicesOverTheirInterval() {
        Instant now = Instant.parse("2026-03-01T12:00:00.250Z");
        Set<Long> seconds = new HashSet<>();
        for (long id = 1; id <= 1000; id++) {
            Instant next = Slots.next(id, 60, now);
            assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(60));
            assertThat(next.getNano()).isZero();
            assertThat(Math.floorMod(next.getEpochSecond(), 60)).isEqualTo(Slots.slot(id, 60));
            seconds.add(next.getEpochSecond());
        }
        assertThat(seconds).hasSizeGreaterThanOrEqualTo(55);
    }

    @Test
    void nextIsStrictlyAfterNowEvenOnTheSlotItself() {
        long id = 42;
        long slot = Slots.slot(id, 60);
        // exactly on the slot second: the service was just due, so its next check is one interval later
        Instant onSlot = Instant.ofEpochSecond(1_800_000_000L - Math.floorMod(1_800_000_000L, 60) + slot);
        assertThat(Slots.next(id, 60, onSlot)).isEqualTo(onSlot.plusSeconds(60));
        // a little after it: still the next interval's slot
        assertThat(Slots.next(id, 60, onSlot.plusMillis(1))).isEqualTo(onSlot.plusSeconds(60));
        // a little before it: this interval's slot
        assertThat(Slots.next(id, 60, onSlot.minusMillis(1))).isEqualTo(onSlot);
    }

    @Test
    void staysInRangeForEveryIntervalAndManyIds() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        for (int interval : new int[] { 1, 7, 30, 60, 300, 3600, 86_400 }) {
            for (long id = 1; id <= 5000; id += 7) {
                long slot = Slots.slot(id, interval);
                assertThat(slot).isBetween(0L, interval - 1L);
                Instant next = Slots.next(id, interval, now);
                assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(interval));
                assertThat(Math.floorMod(next.getEpochSecond(), interval)).isEqualTo(slot);
            }
        }
    }

    @Test
    void aServiceKeepsItsSecondFromOneIntervalToTheNext() {
        Instant first = Slots.next(7, 60, Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(Slots.next(7, 60, first)).isEqualTo(first.plusSeconds(60));
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThatThrownBy(() -> Slots.slot(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
