package org.vigie.board.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** How pages write times, latencies and uptimes. */
class FormatsTest {

    @Test
    void timesInUtcAndForMachines() {
        Instant t = Instant.parse("2026-11-25T10:00:01.250Z");
        assertThat(Formats.utc(t)).isEqualTo("2026-11-25 10:00:01 UTC");
        assertThat(Formats.iso(t)).isEqualTo("2026-11-25T10:00:01.250Z");
        assertThat(Formats.utc(null)).isEqualTo("—");
        assertThat(Formats.iso(null)).isEmpty();
    }

    @Test
    void latenciesInMillisecondsThenSeconds() {
        assertThat(Formats.latency(0)).isEqualTo("0 ms");
        assertThat(Formats.latency(42)).isEqualTo("42 ms");
        assertThat(Formats.latency(999)).isEqualTo("999 ms");
        assertThat(Formats.latency(1000)).isEqualTo("1.0 s");
        assertThat(Formats.latency(1349)).isEqualTo("1.3 s");
        assertThat(Formats.latency(null)).isEqualTo("—");
    }

    @Test
    void percentagesAreRoundedDownSoThatAlmostNeverReadsAsAll() {
        assertThat(PublicBoard.percent(99_999, 100_000, Locale.ENGLISH)).isEqualTo("99.99%");
        assertThat(PublicBoard.percent(975, 1000, Locale.ENGLISH)).isEqualTo("97.50%");
        assertThat(PublicBoard.percent(3, 4, Locale.ENGLISH)).isEqualTo("75%");
        assertThat(PublicBoard.percent(4, 4, Locale.ENGLISH)).isEqualTo("100%");
        assertThat(PublicBoard.percent(975, 1000, Locale.FRENCH)).isEqualTo("97,50 %");
        assertThat(PublicBoard.percent(1, 0, Locale.ENGLISH)).isEqualTo("—");
    }

    @Test
    void uptimeComesFromTheRollupsThenFromEvents() {
        assertThat(PublicBoard.uptimeText(new long[] {200, 195}, 0.5, Locale.ENGLISH))
                .isEqualTo("97.50%");
        assertThat(PublicBoard.uptimeText(new long[] {0, 0}, 159.0 / 183, Locale.ENGLISH))
                .isEqualTo("86.88%");
        assertThat(PublicBoard.uptimeText(null, 159.0 / 183, Locale.ENGLISH)).isEqualTo("86.88%");
        assertThat(PublicBoard.uptimeText(null, null, Locale.ENGLISH)).isEqualTo("—");
    }
}
