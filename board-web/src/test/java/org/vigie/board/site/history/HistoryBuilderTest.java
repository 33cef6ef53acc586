package org.vigie.board.site.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.status.Severity;

/** The history of one service, without a database: worst of each day, carry-over, notes, no data, uptime. */
class HistoryBuilderTest {

    static final StatusInfo UP = new StatusInfo(1, "up", "Up", "", Severity.NORMAL, "tick-circle", true);
    static final StatusInfo WARNING =
            new StatusInfo(2, "warning", "Warning", "", Severity.WARNING, "exclamation", false);
    static final StatusInfo DOWN = new StatusInfo(3, "down", "Down", "", Severity.ERROR, "cross-circle", false);
    /** Sorts first by name, yet is the worst: severity decides. */
    static final StatusInfo AARDVARK =
            new StatusInfo(4, "aardvark", "Aardvark", "", Severity.CRITICAL, "minus-circle", false);

    static final StatusInfo UNKNOWN = new StatusInfo(5, "unknown", "Unknown", "", Severity.UNKNOWN, "unknown", false);

    static final Map<Long, StatusInfo> STATUSES = Map.of(1L, UP, 2L, WARNING, 3L, DOWN, 4L, AARDVARK, 5L, UNKNOWN);

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");

    static HistoryBuilder builder(ZoneId zone) {
        return new HistoryBuilder(zone, NOW, 7, STATUSES, UP);
    }

    static EventPoint event(StatusInfo status, String at) {
        return new EventPoint(9, status.id(), Instant.parse(at), false);
    }

    static EventPoint note(String at) {
        return new EventPoint(9, UP.id(), Instant.parse(at), true);
    }

    static StatusInfo day(ServiceHistory h, String date) {
        return cell(h, date).worst();
    }

    static DayCell cell(ServiceHistory h, String date) {
        return h.pastDays().stream()
                .filter(c -> c.day().equals(LocalDate.parse(date)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theWindowIsThePastDaysNewestFirstInTheVisitorsZone() {
        HistoryBuilder utc = builder(ZoneOffset.UTC);
        assertThat(utc.today()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(utc.pastDays()).hasSize(7).first().isEqualTo(LocalDate.parse("2026-11-24"));
        assertThat(utc.pastDays()).last().isEqualTo(LocalDate.parse("2026-11-18"));
        assertThat(utc.windowStart()).isEqualTo(Instant.parse("2026-11-18T00:00:00Z"));
        assertThat(builder(ZoneId.of("Europe/Paris")).windowStart()).isEqualTo(Instant.parse("2026-11-17T23:00:00Z"));
    }

    @Test
    void eachDayIsTheWorstStatusOfThatDayBySeverity() {
        ServiceHistory h = builder(ZoneOffset.UTC)
                .build(
                        null,
                        LONG_AGO,
                        List.of(
                                event(DOWN, "2026-11-20T10:00:00Z"),
                                event(UP, "2026-11-20T11:00:00Z"),
                                event(WARNING, "2026-11-22T09:00:00Z"),
                                event(UP, "2026-11-22T09:30:00Z"),
                                event(DOWN, "2026-11-23T08:00:00Z"),
                                event(AARDVARK, "2026-11-23T09:00:00Z"),
                                event(UP, "2026-11-23T10:00:00Z")));
        assertThat(day(h, "2026-11-19")).isEqualTo(UP);
        assertThat(day(h, "2026-11-20")).isEqualTo(DOWN);
        assertThat(day(h, "2026-11-21")).isEqualTo(UP);
        assertThat(day(h, "2026-11-22")).isEqualTo(WARNING);
        assertThat(day(h, "2026-11-23")).isEqualTo(AARDVARK);
        assertThat(day(h, "2026-11-24")).isEqualTo(UP);
        assertThat(h.todayWorst()).isEqualTo(UP);
    }

    @Test
    void aStatusThatLastsCarriesOverToTheFollowingDays() {
        ServiceHistory h = builder(ZoneOffset.UTC).build(null, LONG_AGO, List.of(event(DOWN, "2026-11-22T08:00:00Z")));
        assertThat(day(h, "2026-11-21")).isEqualTo(UP);
        assertThat(h.pastDays().subList(0, 3)).extracting(DayCell::worst).containsOnly(DOWN); // 24, 23 and 22
        assertThat(h.todayWorst()).isEqualTo(DOWN);

        // in a status since before the window: every day is in it
        ServiceHistory old = builder(ZoneOffset.UTC).build(WARNING.id(), LONG_AGO, List.of());
        assertThat(old.pastDays()).extracting(DayCell::worst).containsOnly(WARNING);
    }

    @Test
    void daysBeforeTheServiceExistedHaveNoData() {
        ServiceHistory h = builder(ZoneOffset.UTC).build(null, Instant.parse("2026-11-23T12:00:00Z"), List.of());
        assertThat(day(h, "2026-11-22")).isNull();
        assertThat(day(h, "2026-11-23")).isEqualTo(UP);
        assertThat(h.eventUptime()).isNull(); // no status event: nothing to tell
    }

    @Test
    void notesMarkTheDayWithoutChangingIt() {
        ServiceHistory h = builder(ZoneOffset.UTC)
                .build(DOWN.id(), LONG_AGO, List.of(note("2026-11-21T10:00:00Z"), note("2026-11-25T10:00:00Z")));
        DayCell noted = cell(h, "2026-11-21");
        assertThat(noted.notes()).isTrue();
        assertThat(noted.worst()).isEqualTo(DOWN);
        assertThat(h.pastDays()).filteredOn(DayCell::notes).hasSize(1);
        assertThat(h.notesToday()).isTrue();
    }

    @Test
    void eventsFallOnTheVisitorsDays() {
        List<EventPoint> lateNight = List.of(event(DOWN, "2026-11-23T23:30:00Z"), event(UP, "2026-11-23T23:45:00Z"));
        ServiceHistory utc = builder(ZoneOffset.UTC).build(null, LONG_AGO, lateNight);
        assertThat(day(utc, "2026-11-23")).isEqualTo(DOWN);
        assertThat(day(utc, "2026-11-24")).isEqualTo(UP);
        ServiceHistory paris = builder(ZoneId.of("Europe/Paris")).build(null, LONG_AGO, lateNight);
        assertThat(day(paris, "2026-11-23")).isEqualTo(UP);
        assertThat(day(paris, "2026-11-24")).isEqualTo(DOWN);
    }

    @Test
    void uptimeIsTheShareOfTheWindowUpOrDegraded() {
        // 18 Nov 00:00 to 25 Nov 15:00 is 183 hours; down 24 of them
        ServiceHistory h = builder(ZoneOffset.UTC)
                .build(
                        UP.id(),
                        LONG_AGO,
                        List.of(event(DOWN, "2026-11-19T00:00:00Z"), event(WARNING, "2026-11-20T00:00:00Z")));
        assertThat(h.eventUptime()).isEqualTo(159.0 / 183);
    }

    @Test
    void unknownTimeIsNeitherUpNorDownAndShowsWhereItIsTheWorstOfTheDay() {
        // 183 hours in the window: down 30 (19 Nov 00:00 to 20 Nov 06:00), Unknown 42 (to 22 Nov 00:00), up the rest
        ServiceHistory h = builder(ZoneOffset.UTC)
                .build(
                        UP.id(),
                        LONG_AGO,
                        List.of(
                                event(DOWN, "2026-11-19T00:00:00Z"),
                                event(UNKNOWN, "2026-11-20T06:00:00Z"),
                                event(UP, "2026-11-22T00:00:00Z")));
        assertThat(h.eventUptime()).isEqualTo(111.0 / 141);
        assertThat(day(h, "2026-11-20")).isEqualTo(DOWN); // Down is worse than Unknown
        assertThat(day(h, "2026-11-21")).isEqualTo(UNKNOWN);
        assertThat(day(h, "2026-11-22")).isEqualTo(UNKNOWN); // Unknown at midnight, then up: never counted as up
        assertThat(day(h, "2026-11-23")).isEqualTo(UP);
    }

    @Test
    void aServiceUnknownSinceTheWindowOpenedHasNoUptime() {
        ServiceHistory h = builder(ZoneOffset.UTC).build(UNKNOWN.id(), LONG_AGO, List.of());
        assertThat(h.eventUptime()).isNull();
        assertThat(day(h, "2026-11-24")).isEqualTo(UNKNOWN);
    }

    @Test
    void todaysTroubleIsAStatusWorseThanTheCurrentOne() {
        ServiceHistory h = builder(ZoneOffset.UTC)
                .build(null, LONG_AGO, List.of(event(DOWN, "2026-11-25T09:00:00Z"), event(UP, "2026-11-25T10:00:00Z")));
        assertThat(h.troubleSince(UP)).isTrue();
        assertThat(h.troubleSince(DOWN)).isFalse();
        assertThat(builder(ZoneOffset.UTC).build(null, LONG_AGO, List.of()).troubleSince(UP))
                .isFalse();
    }
}
