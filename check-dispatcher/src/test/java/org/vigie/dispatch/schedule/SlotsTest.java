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
            assertThat(next).isAfterOrEqualTo(now.plusSeconds(55)).isBefore(now.plusSeconds(116));
            assertThat(next.getNano() % 1_000_000).isZero();
            assertThat(Math.floorMod(next.toEpochMilli(), 60_000)).isEqualTo(Slots.slotMillis(id, 60));
            assertThat(Math.floorMod(next.getEpochSecond(), 60)).isEqualTo(Slots.slot(id, 60));
            seconds.add(next.getEpochSecond());
        }
        assertThat(seconds).hasSizeGreaterThanOrEqualTo(55);
    }

    @Test
    void aDispatchOnItsSlotOrAlittleLateKeepsTheRhythm() {
        long id = 42;
        Instant onSlot = Instant.ofEpochMilli(
                (1_800_000_000L - Math.floorMod(1_800_000_000L, 60)) * 1000 + Slots.slotMillis(id, 60));
        assertThat(Slots.next(id, 60, onSlot)).isEqualTo(onSlot.plusSeconds(60));
        assertThat(Slots.next(id, 60, onSlot.plusMillis(1))).isEqualTo(onSlot.plusSeconds(60));
        assertThat(Slots.next(id, 60, onSlot.plusMillis(4_999))).isEqualTo(onSlot.plusSeconds(60));
        // later than the grace: the slot one interval on would come too soon after this check
        assertThat(Slots.next(id, 60, onSlot.plusSeconds(6))).isEqualTo(onSlot.plusSeconds(120));
    }

    @Test
    void aCatchUpDispatchIsNotFollowedByAnotherWithinTheInterval() {
        long id = 42;
        Instant onSlot = Instant.ofEpochMilli(
                (1_800_000_000L - Math.floorMod(1_800_000_000L, 60)) * 1000 + Slots.slotMillis(id, 60));
        // a new service checked one second before its slot is next checked a whole interval later, not in a second
        assertThat(Slots.next(id, 60, onSlot.minusSeconds(1))).isEqualTo(onSlot.plusSeconds(60));
        assertThat(Slots.next(id, 60, onSlot.minusMillis(1))).isEqualTo(onSlot.plusSeconds(60));
    }

    @Test
    void staysInRangeForEveryIntervalAndManyIds() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        for (int interval : new int[] {1, 7, 30, 60, 300, 3600, 86_400}) {
            for (long id = 1; id <= 5000; id += 7) {
                long slot = Slots.slot(id, interval);
                assertThat(slot).isBetween(0L, interval - 1L);
                Instant next = Slots.next(id, interval, now);
                long grace = Slots.grace(interval);
                assertThat(next)
                        .isAfter(now)
                        .isAfterOrEqualTo(now.plusSeconds(interval - grace))
                        .isBefore(now.plusSeconds(2L * interval - grace + 1));
                assertThat(Math.floorMod(next.getEpochSecond(), interval)).isEqualTo(slot);
            }
        }
    }

    @Test
    void servicesDueInOneSecondAreSpreadThroughIt() {
        // 30,000 services every 10 s: 3,000 due each second, arriving through it rather than at its start
        int[] quarters = new int[4];
        for (long id = 1; id <= 30_000; id++) {
            quarters[(int) (Slots.slotMillis(id, 10) % 1000 / 250)]++;
        }
        for (int n : quarters) {
            assertThat(n).isBetween(7_000, 8_000);
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
