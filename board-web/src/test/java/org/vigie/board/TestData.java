package org.vigie.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.board.event.EventSource;
import org.vigie.board.group.Group;
import org.vigie.board.maintenance.service.MaintenanceSchedule;
import org.vigie.board.result.MissedCheck;
import org.vigie.board.result.StoredResult;
import org.vigie.board.service.CheckSchedule;
import org.vigie.board.service.Service;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

/** Puts the test database in a known state. */
@ApplicationScoped
public class TestData {

    @Inject
    EntityManager em;

    @Inject
    MaintenanceSchedule maintenance;

    @Transactional
    public void clear() {
        em.createNativeQuery("delete from incidents").executeUpdate(); // with their updates and services
        em.createNativeQuery("delete from maintenance_windows").executeUpdate(); // with their services
        Event.deleteAll();
        StoredResult.deleteAll();
        MissedCheck.deleteAll();
        CheckState.deleteAll();
        CheckSchedule.deleteAll();
        em.createNativeQuery("delete from check_daily").executeUpdate();
        em.createNativeQuery("delete from check_hourly").executeUpdate();
        em.createNativeQuery("delete from pool_states").executeUpdate();
        em.createNativeQuery("delete from pool_daily").executeUpdate();
        Service.deleteAll();
        Group.deleteAll();
        maintenance.invalidate();
    }

    @Transactional
    public long service(String slug, String target) {
        Service s = new Service();
        s.slug = slug;
        s.name = slug;
        s.description = "";
        s.target = target;
        s.createdAt = Instant.now();
        s.persist();
        return s.id;
    }

    /** Deletes a service and what hangs on it, as an admin's delete does. */
    @Transactional
    public void deleteService(long serviceId) {
        Service.<Service>findByIdOptional(serviceId).ifPresent(Service::delete);
    }

    /** Moves a service's creation (and so its target's setting) back in time. */
    @Transactional
    public void backdate(long serviceId, Instant createdAt) {
        Service s = Service.findById(serviceId);
        s.createdAt = createdAt;
    }

    @Transactional
    public long serviceId(String slug) {
        return Service.findBySlug(slug).orElseThrow().id;
    }

    /** A result whose reason names nothing of the target: it is its own public reason, as a worker says it. */
    public static CheckResult result(long serviceId, Outcome outcome, String reason, Instant at) {
        return result(serviceId, outcome, reason, at, null);
    }

    /** As {@link #result(long, Outcome, String, Instant)}, from {@code pool}'s worker (null: the default pool). */
    public static CheckResult result(long serviceId, Outcome outcome, String reason, Instant at, String pool) {
        return new CheckResult(
                UUID.randomUUID().toString(),
                serviceId,
                outcome,
                12,
                reason,
                reason,
                "test-worker",
                at.minusMillis(12),
                at,
                null,
                Map.of(),
                pool);
    }

    /** A service's events, newest first, as the tests look at them. */
    @Transactional
    public List<EventRow> eventsOf(long serviceId) {
        return Event.<Event>find(
                        "from Event e join fetch e.status where e.service.id = ?1 order by e.createdAt desc, e.id desc",
                        serviceId)
                .list()
                .stream()
                .map(e -> new EventRow(e.createdAt, e.status.slug, e.message, e.source))
                .toList();
    }

    /** A service's event as the tests look at it. */
    public record EventRow(Instant at, String statusSlug, String message, EventSource source) {}

    /** The slug of a service's current status; null for the default. */
    @Transactional
    public String currentStatus(long serviceId) {
        Service s = Service.findById(serviceId);
        return s.status == null ? null : s.status.slug;
    }
}
