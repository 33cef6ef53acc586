package org.vigie.board.site.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A published incident as a service's day cells name it: its title and when it ran ({@code to} null: still open). */
public record IncidentSpan(String title, Instant from, Instant to) {

    /** Whether it ran at some time during {@code day} in {@code zone}. */
    public boolean during(LocalDate day, ZoneId zone, Instant now) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant until = to == null ? now : to;
        return from.isBefore(end) && !until.isBefore(start);
    }
}
