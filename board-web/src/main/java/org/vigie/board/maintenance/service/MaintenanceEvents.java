package org.vigie.board.maintenance.service;

import java.time.Instant;

import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.board.maintenance.MaintenanceService;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;

/**
 * The events a window writes, on its service row locked by the caller: Maintenance at an occurrence's start, and at
 * its end the status the checks reached meanwhile (they kept running; only their events waited). Check events, so
 * that the next result moves the status as usual.
 */
final class MaintenanceEvents {

    private MaintenanceEvents() {}

    /** Shows Maintenance from {@code start}, unless another window already shows it. */
    static void start(MaintenanceService row, Instant start) {
        row.shownSince = start;
        Service service = row.service;
        if (service.status != null && Status.MAINTENANCE.equals(service.status.slug)) {
            return;
        }
        Event.fromChecks(
                service,
                status(Status.MAINTENANCE),
                "scheduled maintenance: " + row.window.title,
                null,
                null,
                notBefore(start, service));
    }

    /**
     * An event's time: the window's, unless the service's shown status is later (a window planned with a past start,
     * or an event written just before the sweep): the status shows the latest event, so this one comes after it.
     */
    private static Instant notBefore(Instant at, Service service) {
        return service.statusSince != null && service.statusSince.isAfter(at) ? service.statusSince : at;
    }

    /**
     * Gives the service its checked status back at {@code end}, unless another window still shows Maintenance or a
     * later event (an admin's, a check's right after the end) already replaced it.
     */
    static void end(MaintenanceService row, Instant end) {
        row.shownSince = null;
        Service service = row.service;
        long others =
                MaintenanceService.count("service.id = ?1 and shownSince is not null and id <> ?2", service.id, row.id);
        if (others > 0 || service.status == null || !Status.MAINTENANCE.equals(service.status.slug)) {
            return;
        }
        CheckState state = service.target == null ? null : CheckState.findById(service.id);
        if (state != null && state.lastCheckedAt != null) {
            String slug = state.unknownSince != null
                    ? Status.UNKNOWN
                    : switch (state.outcome) {
                        case UP -> Status.UP;
                        case WARNING -> Status.WARNING;
                        case DOWN -> Status.DOWN;
                    };
            Event.fromChecks(
                    service,
                    status(slug),
                    "maintenance ended: " + state.lastReason,
                    "maintenance ended: " + (state.lastPublicReason != null ? state.lastPublicReason : slug),
                    null,
                    notBefore(end, service));
            return;
        }
        // not checked (or never yet): back to the status it had before the maintenance
        Event before = Event.<Event>find(
                        "service = ?1 and informational = false and status.slug <> ?2 order by createdAt desc, id desc",
                        service,
                        Status.MAINTENANCE)
                .firstResult();
        Status back = before != null ? before.status : Status.findDefault();
        Event.fromChecks(service, back, "maintenance ended", null, null, notBefore(end, service));
    }

    private static Status status(String slug) {
        return Status.findBySlug(slug)
                .orElseThrow(() -> new IllegalStateException(
                        "status '" + slug + "' is missing: the checks need the seeded statuses (migration V13)"));
    }
}
