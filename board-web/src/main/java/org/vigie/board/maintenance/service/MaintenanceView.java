package org.vigie.board.maintenance.service;

import java.time.Instant;
import java.util.List;

import org.vigie.board.maintenance.MaintenanceState;
import org.vigie.board.maintenance.Occurrences;

/**
 * A maintenance window as the pages and APIs show it: its state now, and the occurrence that matters (the one in
 * progress, else the next, else the first, cut by "end now").
 */
public record MaintenanceView(
        long id,
        String title,
        String message,
        MaintenanceState state,
        Instant start,
        Instant end,
        String repeat,
        Instant startsAt,
        Instant endsAt,
        Instant endedAt,
        List<Affected> services) {

    /** A service the window covers. */
    public record Affected(long id, String slug, String name) {}

    public boolean inProgress() {
        return state == MaintenanceState.IN_PROGRESS;
    }

    /** The services' names, for a line that lists them. */
    public String serviceNames() {
        return String.join(", ", services.stream().map(Affected::name).toList());
    }

    public boolean weekly() {
        return Occurrences.WEEKLY.equals(repeat);
    }

    static MaintenanceView of(
            long id,
            String title,
            String message,
            Instant startsAt,
            Instant endsAt,
            String repeat,
            Instant endedAt,
            List<Affected> services,
            Occurrences occurrences,
            Instant now) {
        MaintenanceState state;
        Occurrences.Span span;
        var current = occurrences.at(now);
        if (current.isPresent()) {
            state = MaintenanceState.IN_PROGRESS;
            span = current.get();
        } else {
            var next = occurrences.after(now);
            if (next.isPresent()) {
                state = MaintenanceState.SCHEDULED;
                span = next.get();
            } else {
                span = occurrences.span(startsAt);
                state = endedAt != null && endedAt.isBefore(endsAt)
                        ? MaintenanceState.ENDED_EARLY
                        : MaintenanceState.COMPLETED;
            }
        }
        return new MaintenanceView(
                id, title, message, state, span.start(), span.end(), repeat, startsAt, endsAt, endedAt, services);
    }
}
