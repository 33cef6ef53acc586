package org.vigie.board.notify.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.vigie.board.notify.Channel;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;

import io.quarkus.scheduler.Scheduled;

/**
 * Reminders while a service stays Down, for channels with a re-notify interval: one more Down notification each
 * interval after the last one. Each channel's row is locked {@code FOR UPDATE SKIP LOCKED} while its reminders are
 * written, so two board-webs never write the same reminder.
 */
@ApplicationScoped
public class Reminders {

    private final Outbox outbox;
    private final QuietTimes quiet;
    private final Clock clock;
    private final EntityManager em;

    public Reminders(Outbox outbox, QuietTimes quiet, Clock clock, EntityManager em) {
        this.outbox = outbox;
        this.quiet = quiet;
        this.clock = clock;
        this.em = em;
    }

    @Scheduled(
            identity = "notify-remind",
            every = "${vigie.notify.remind-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        remind();
    }

    /** Writes the reminders due; returns how many. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int remind() {
        Instant now = clock.instant();
        List<Number> ids = em.createNativeQuery("SELECT id FROM notification_channels"
                        + " WHERE enabled AND renotify_every_s IS NOT NULL ORDER BY id FOR UPDATE SKIP LOCKED")
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Service> down = Service.list("status.slug", Status.DOWN);
        int written = 0;
        for (Number id : ids) {
            Channel c = Channel.findById(id.longValue());
            if (!c.wants(NoticeKind.DOWN)) {
                continue;
            }
            Duration every = Duration.ofSeconds(c.renotifyEveryS);
            for (Service s : down) {
                if (s.statusSince == null
                        || !c.covers(s.slug, s.group == null ? null : s.group.slug)
                        || (c.quietInMaintenance && quiet.inMaintenance(s.id, now))) {
                    continue;
                }
                Instant last = em.createQuery(
                                "select max(n.createdAt) from Notification n where n.channel = :c"
                                        + " and n.serviceId = :s and n.kind = :k",
                                Instant.class)
                        .setParameter("c", c)
                        .setParameter("s", s.id)
                        .setParameter("k", NoticeKind.DOWN)
                        .getSingleResult();
                Instant since = last == null || last.isBefore(s.statusSince) ? s.statusSince : last;
                if (!now.isBefore(since.plus(every))) {
                    outbox.reminder(c, s, s.statusSince, now);
                    written++;
                }
            }
        }
        return written;
    }
}
