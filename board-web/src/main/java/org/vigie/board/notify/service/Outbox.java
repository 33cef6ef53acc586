package org.vigie.board.notify.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.vigie.board.event.Event;
import org.vigie.board.event.EventSource;
import org.vigie.board.event.EventWritten;
import org.vigie.board.incident.Incident;
import org.vigie.board.incident.IncidentChanged;
import org.vigie.board.notify.Channel;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.notify.Notification;
import org.vigie.board.notify.NotifyConfig;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the outbox: for each event that changes a service's status (and each published incident's change), one
 * notification per channel whose rule wants it and one per visitor's subscription that wants it ({@link Subscribers}),
 * in the transaction that writes the event. Observed synchronously: an exception here rolls the event back too, so
 * there is never one without the other.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final QuietTimes quiet;
    private final Subscribers subscribers;
    private final Links links;
    private final Texts texts;
    private final Clock clock;
    private final EntityManager em;

    public Outbox(
            ObjectMapper json,
            QuietTimes quiet,
            Subscribers subscribers,
            Links links,
            NotifyConfig config,
            Clock clock,
            EntityManager em) {
        this.json = json;
        this.quiet = quiet;
        this.subscribers = subscribers;
        this.links = links;
        this.texts = new Texts(config.language());
        this.clock = clock;
        this.em = em;
    }

    void eventWritten(@Observes EventWritten written) {
        Event event = written.event();
        NoticeKind found = NoticeKind.forStatus(event.status.slug).orElse(null);
        if (found == null) {
            return;
        }
        if (found == NoticeKind.UP) {
            // Up after Maintenance says the window ended; Up after Up (an admin's repeat) is no news
            String before = previousStatus(event);
            if (Status.MAINTENANCE.equals(before)) {
                found = NoticeKind.MAINTENANCE_ENDED;
            } else if (before == null || Status.UP.equals(before)) {
                return;
            }
        }
        NoticeKind kind = found;
        Service service = event.service;
        String group = service.group == null ? null : service.group.slug;
        List<Channel> channels = Channel.enabledOnes().stream()
                .filter(c -> c.wants(kind) && c.covers(service.slug, group))
                // the checks write nothing but the window's start and end for a service in maintenance; what
                // admins post meanwhile is what a quiet channel is spared
                .filter(c -> event.source != EventSource.ADMIN
                        || !(c.quietInMaintenance && quiet.inMaintenance(service.id, event.createdAt)))
                .toList();
        List<Long> subscriptions = subscribers.wanting(kind, List.of(service.slug));
        if (channels.isEmpty() && subscriptions.isEmpty()) {
            return;
        }
        Duration outage = kind == NoticeKind.UP ? outage(event) : null;
        Map<String, String> words = outage == null
                ? Map.of("service", service.name)
                : Map.of("service", service.name, "duration", texts.duration(outage));
        String title = texts.say(outage == null ? kind.name() : "UP_AFTER", words);
        Notice notice = Notice.ofService(
                kind,
                title,
                event.message,
                links.service(service.slug),
                event.createdAt.toString(),
                service.slug,
                service.name,
                event.status.slug,
                outage == null ? null : outage.toSeconds(),
                false);
        writeAll(channels, subscriptions, notice, service.id, event.id, null);
    }

    void incidentChanged(@Observes IncidentChanged changed) {
        Incident incident = changed.incident();
        NoticeKind kind = switch (changed.change()) {
            case OPENED -> NoticeKind.INCIDENT_OPENED;
            case UPDATED -> NoticeKind.INCIDENT_UPDATED;
            case RESOLVED -> NoticeKind.INCIDENT_RESOLVED;
        };
        List<Channel> channels = Channel.enabledOnes().stream()
                .filter(c -> c.wants(kind))
                .filter(c -> incident.services.isEmpty()
                        || incident.services.stream()
                                .anyMatch(link -> c.covers(
                                        link.service.slug,
                                        link.service.group == null ? null : link.service.group.slug)))
                .toList();
        List<Long> subscriptions = subscribers.wanting(
                kind, incident.services.stream().map(link -> link.service.slug).toList());
        if (channels.isEmpty() && subscriptions.isEmpty()) {
            return;
        }
        em.flush(); // the incident's id, for its link
        String state = changed.update() == null
                ? incident.state.slug()
                : changed.update().state.slug();
        String title = texts.say(kind.name(), Map.of("title", incident.title, "state", texts.word(state)));
        Instant at = changed.update() == null ? clock.instant() : changed.update().createdAt;
        Notice notice = new Notice(
                kind,
                title,
                changed.update() == null ? "" : changed.update().message,
                links.incident(incident.id),
                at.toString(),
                null,
                null,
                null,
                null,
                incident.id,
                incident.title,
                state,
                incident.impact.slug(),
                false);
        writeAll(channels, subscriptions, notice, null, null, incident.id);
    }

    /** A test notification for one channel, in the caller's transaction. */
    public Notification test(Channel channel) {
        Notice notice = Notice.plain(
                NoticeKind.TEST,
                texts.say("TEST", Map.of()),
                texts.say("TEST_TEXT", Map.of("channel", channel.name)),
                links.board(),
                clock.instant().toString());
        return write(channel, null, notice, null, null, null);
    }

    /** A reminder that a service is still Down, in the caller's transaction. */
    Notification reminder(Channel channel, Service service, Instant downSince, Instant now) {
        Duration outage = Duration.between(downSince, now);
        Notice notice = Notice.ofService(
                NoticeKind.DOWN,
                texts.say("STILL_DOWN", Map.of("service", service.name, "duration", texts.duration(outage))),
                "",
                links.service(service.slug),
                now.toString(),
                service.slug,
                service.name,
                Status.DOWN,
                outage.toSeconds(),
                true);
        return write(channel, null, notice, service.id, null, null);
    }

    /**
     * A warning that a service's TLS certificate expires in {@code left}, for these channels, in the caller's
     * transaction ({@link CertificateWarnings} decides when).
     */
    void certificateExpiring(List<Channel> channels, Service service, String host, Instant expiry, Duration left) {
        Notice notice = Notice.ofService(
                NoticeKind.CERTIFICATE_EXPIRING,
                texts.say("CERTIFICATE_EXPIRING", Map.of("service", service.name, "duration", texts.duration(left))),
                texts.say("CERTIFICATE_TEXT", Map.of("host", host, "expiry", expiry.toString())),
                links.service(service.slug),
                clock.instant().toString(),
                service.slug,
                service.name,
                service.status == null ? null : service.status.slug,
                null,
                false);
        for (Channel channel : channels) {
            write(channel, null, notice, service.id, null, null);
        }
    }

    /** One notification for each of these channels and subscriptions. */
    private void writeAll(
            List<Channel> channels,
            List<Long> subscriptions,
            Notice notice,
            Long serviceId,
            Long eventId,
            Long incidentId) {
        for (Channel channel : channels) {
            write(channel, null, notice, serviceId, eventId, incidentId);
        }
        for (Long subscription : subscriptions) {
            write(null, subscription, notice, serviceId, eventId, incidentId);
        }
    }

    /** One notification for a channel or (channel null) a subscription. */
    private Notification write(
            Channel channel, Long subscriptionId, Notice notice, Long serviceId, Long eventId, Long incidentId) {
        Notification n = new Notification();
        n.channel = channel;
        n.subscriptionId = subscriptionId;
        n.kind = notice.kind();
        n.serviceId = serviceId;
        n.eventId = eventId;
        n.incidentId = incidentId;
        try {
            n.message = json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        n.createdAt = clock.instant();
        n.nextAttemptAt = n.createdAt;
        n.persist();
        return n;
    }

    /** The status of the service's event before this one (informational notes aside); null when none. */
    private String previousStatus(Event event) {
        List<String> before = em.createQuery(
                        "select e.status.slug from Event e where e.service.id = :s and e.informational = false"
                                + " and e.id <> :id and (e.createdAt < :at or (e.createdAt = :at and e.id < :id))"
                                + " order by e.createdAt desc, e.id desc",
                        String.class)
                .setParameter("s", event.service.id)
                .setParameter("id", event.id)
                .setParameter("at", event.createdAt)
                .setMaxResults(1)
                .getResultList();
        return before.isEmpty() ? null : before.get(0);
    }

    /** How long the outage an Up event ends lasted: from the first non-Up event after the previous Up. */
    private Duration outage(Event up) {
        Instant lastUp = em.createQuery(
                        "select max(e.createdAt) from Event e where e.service.id = :s and e.informational = false"
                                + " and e.status.slug = :up and e.id <> :id and e.createdAt <= :at",
                        Instant.class)
                .setParameter("s", up.service.id)
                .setParameter("up", Status.UP)
                .setParameter("id", up.id)
                .setParameter("at", up.createdAt)
                .getSingleResult();
        Instant start = em.createQuery(
                        "select min(e.createdAt) from Event e where e.service.id = :s and e.informational = false"
                                + " and e.id <> :id and e.createdAt <= :at and e.createdAt > :after",
                        Instant.class)
                .setParameter("s", up.service.id)
                .setParameter("id", up.id)
                .setParameter("at", up.createdAt)
                .setParameter("after", lastUp == null ? Instant.EPOCH : lastUp)
                .getSingleResult();
        return start == null ? null : Duration.between(start, up.createdAt);
    }
}
