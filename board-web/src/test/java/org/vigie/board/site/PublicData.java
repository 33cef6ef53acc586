package org.vigie.board.site;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.vigie.board.TestData;
import org.vigie.board.event.Event;
import org.vigie.board.event.EventSource;
import org.vigie.board.group.Group;
import org.vigie.board.service.Service;
import org.vigie.board.settings.BoardSettings;
import org.vigie.board.status.Severity;
import org.vigie.board.status.Status;

/** The public side's fixtures: services, groups, events with exact times, rollup rows, settings. */
@ApplicationScoped
public class PublicData {

    @Inject
    EntityManager em;

    @Inject
    TestData data;

    /** Everything {@link TestData#clear()} clears, plus the statuses and settings a test may have added or changed. */
    @Transactional
    public void clear() {
        data.clear();
        Status.delete("slug not in ('up', 'warning', 'down', 'maintenance', 'unknown')");
        BoardSettings settings = BoardSettings.current();
        settings.name = "Vigie";
        settings.logoUrl = null;
        settings.reportUrl = null;
        settings.historyDays = 7;
        settings.timeZone = "UTC";
        settings.accentColor = null;
        settings.footerLinks = null;
    }

    @Transactional
    public void settings(String name, int historyDays, String zone) {
        BoardSettings settings = BoardSettings.current();
        settings.name = name;
        settings.historyDays = historyDays;
        settings.timeZone = zone;
    }

    @Transactional
    public long group(String slug, String name, int order) {
        Group g = new Group();
        g.slug = slug;
        g.name = name;
        g.description = "";
        g.displayOrder = order;
        g.persist();
        return g.id;
    }

    @Transactional
    public long service(String slug, String name, Long groupId, int order, Instant createdAt) {
        Service s = new Service();
        s.slug = slug;
        s.name = name;
        s.description = "";
        s.group = groupId == null ? null : Group.findById(groupId);
        s.displayOrder = order;
        s.target = "http://10.9.8.7:8080/secret-path";
        s.createdAt = createdAt;
        s.persist();
        return s.id;
    }

    /** {@code count} services {@code prefix-00000}, {@code prefix-00001}, ... in one transaction; their ids in order. */
    @Transactional
    public List<Long> services(String prefix, int count, Long groupId, Instant createdAt) {
        Group group = groupId == null ? null : Group.findById(groupId);
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Service s = new Service();
            s.slug = String.format("%s-%05d", prefix, i);
            s.name = s.slug;
            s.description = "";
            s.group = group;
            s.target = "http://10.9.8.7:8080/secret-path";
            s.createdAt = createdAt;
            s.persist();
            ids.add(s.id);
        }
        return ids;
    }

    @Transactional
    public void describe(long serviceId, String description) {
        Service s = Service.findById(serviceId);
        s.description = description;
    }

    @Transactional
    public long status(String slug, String name, Severity severity, String image) {
        Status s = new Status();
        s.slug = slug;
        s.name = name;
        s.description = name + " (test)";
        s.severity = severity;
        s.image = image;
        s.persist();
        return s.id;
    }

    /** An event as an admin posts it; a status event moves the service's current status when it is the latest. */
    @Transactional
    public long event(long serviceId, String statusSlug, String message, Instant at, boolean informational) {
        Service service = Service.findById(serviceId);
        Status status = Status.findBySlug(statusSlug).orElseThrow();
        Event e = new Event();
        e.service = service;
        e.status = status;
        e.message = message;
        e.informational = informational;
        e.source = EventSource.ADMIN;
        e.createdAt = at;
        e.persist();
        if (!informational && (service.statusSince == null || !service.statusSince.isAfter(at))) {
            service.status = status;
            service.statusSince = at;
        }
        return e.id;
    }

    public long event(long serviceId, String statusSlug, String message, Instant at) {
        return event(serviceId, statusSlug, message, at, false);
    }

    /** A status change as the checks write it: the event, and its announcement ({@code EventWritten}), in one transaction. */
    @Transactional
    public long announcedEvent(long serviceId, String statusSlug, String message, Instant at) {
        long id = event(serviceId, statusSlug, message, at, false);
        Event.announce(Event.findById(id));
        return id;
    }

    @Transactional
    public void daily(long serviceId, LocalDate day, int checks, int up, int warning, int down) {
        em.createNativeQuery(
                        "insert into check_daily (service_id, day, checks, up, warning, down, latency_sum_ms, latency_max_ms) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, serviceId)
                .setParameter(2, day)
                .setParameter(3, checks)
                .setParameter(4, up)
                .setParameter(5, warning)
                .setParameter(6, down)
                .setParameter(7, 20L * checks)
                .setParameter(8, 40)
                .executeUpdate();
    }
}
