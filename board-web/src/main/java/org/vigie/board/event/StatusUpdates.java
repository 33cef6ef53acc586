package org.vigie.board.event;

import static org.vigie.board.web.Inputs.trimToNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.vigie.board.service.Service;
import org.vigie.board.status.Status;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.NotFound;

/**
 * Admins' events: a status update, or a note that keeps the current status; either may be backdated. After every
 * change the service's current status is recomputed from its events: the latest non-informational event (by time,
 * then id) decides it, else the default. The service row is locked first, so a check event written at the same
 * time waits and then applies its own rule.
 */
@ApplicationScoped
public class StatusUpdates {

    /** How far ahead of the server's clock a client's timestamp may be (clocks drift); later is refused. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final Clock clock;

    public StatusUpdates(Clock clock) {
        this.clock = clock;
    }

    /**
     * What an admin posts. {@code status} is a status slug, required unless {@code informational} (a note takes
     * the service's current status); {@code timestamp} is optional (ISO-8601 UTC, default now).
     */
    public record EventInput(String status, String message, String informational, String timestamp) {}

    @Transactional
    public Event post(String serviceSlug, EventInput in) {
        Service service = lock(serviceSlug);
        Inputs inputs = new Inputs();
        boolean informational = Boolean.TRUE.equals(inputs.flag("informational", in.informational()));
        String statusSlug = trimToNull(in.status());
        Status status = null;
        if (statusSlug != null) {
            status = Status.findBySlug(statusSlug).orElse(null);
            if (status == null) {
                inputs.error("status", "status \"" + statusSlug + "\" does not exist");
            }
        } else if (!informational) {
            inputs.error("status", "status is required (or post a note: informational=true)");
        }
        String message = inputs.required("message", in.message(), 1000);
        Instant now = clock.instant();
        Instant at = inputs.instant("timestamp", in.timestamp());
        if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) {
            inputs.error("timestamp", "timestamp is in the future: events record what happened");
        }
        inputs.throwIfAny();

        Event event = new Event();
        event.service = service;
        event.status = status != null ? status : current(service);
        event.message = message;
        event.informational = informational;
        event.source = EventSource.ADMIN;
        event.createdAt = at != null ? at : now;
        event.persist();
        if (!informational) {
            recompute(service);
            Event.announce(event);
        }
        return event;
    }

    /** Deletes one of the service's events (404 when the id is another service's) and recomputes the status. */
    @Transactional
    public void delete(String serviceSlug, long eventId) {
        Service service = lock(serviceSlug);
        Event event = Event.findById(eventId);
        if (event == null || !event.service.id.equals(service.id)) {
            throw new NotFound("no event " + eventId + " on service \"" + serviceSlug + "\"");
        }
        boolean informational = event.informational;
        event.delete();
        if (!informational) {
            recompute(service);
        }
    }

    /**
     * Shows a check event's status on its service, unless an admin's event is later (or backdated later): the
     * service shows its latest status. One update, no read: the checks write many events at once.
     */
    public static void showCheckEvent(long serviceId, Status status, Instant at) {
        Service.update(
                "status = ?1, statusSince = ?2 where id = ?3 and (statusSince is null or statusSince <= ?2)",
                status,
                at,
                serviceId);
    }

    /** Sets the service's status and since-time from its latest non-informational event; none: the default. */
    public static void recompute(Service service) {
        Event latest = Event.<Event>find(
                        "service = ?1 and informational = false order by createdAt desc, id desc", service)
                .firstResult();
        service.status = latest == null ? null : latest.status;
        service.statusSince = latest == null ? null : latest.createdAt;
    }

    private static Status current(Service service) {
        return service.status != null ? service.status : Status.findDefault();
    }

    private static Service lock(String slug) {
        return Service.<Service>find("slug", slug)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> NotFound.slug("service", slug));
    }
}
