package org.vigie.board.event;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.vigie.board.maintenance.service.MaintenanceSchedule;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Turns a checked service Unknown when no result has been stored for it for {@code afterIntervals} of its check
 * intervals (at least {@code atLeast}), counting from its last result, else from when its target was set. Without it
 * a stopped dispatcher, a fleet with no worker or a stalled result consumer would leave the board showing the last
 * status as if it were current.
 *
 * <p>One query finds the stale services (a service never checked first gets an empty check state, one per
 * transaction). Each is marked by
 * setting {@code check_states.unknown_since} on its row locked with {@code SKIP LOCKED} and re-checked after the lock,
 * in the transaction that writes its event: a second board-web, or a result being stored at that moment, never leads
 * to an Unknown event written twice or after the result. The next result clears the mark ({@link Transitions}).
 */
@ApplicationScoped
public class Staleness {

    private static final Logger LOG = Logger.getLogger(Staleness.class);

    /** A service counts from its target's setting; rows from before target_since existed count from creation. */
    private static final String WATCHED = "coalesce(s.target_since, s.created_at)";

    /** Unknown services are left out: they wait for a result, not for a second Unknown. */
    private static final String STALE = "select s.id, st.service_id is not null as has_state, st.last_checked_at, "
            + WATCHED + " as watched_since, greatest(s.check_interval_s * ?, ?) as threshold_s "
            + "from services s left join check_states st on st.service_id = s.id "
            + "where s.target is not null and st.unknown_since is null "
            + "and greatest(coalesce(st.last_checked_at, " + WATCHED + "), " + WATCHED + ", ?) "
            + "< timestampadd(second, -greatest(s.check_interval_s * ?, ?), ?) "
            + "order by s.id limit ?";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final EntityManager em;
    private final StalenessConfig config;
    private final Clock clock;
    private final MaintenanceSchedule maintenance;
    private final Counter marked;
    private volatile Instant startedAt;

    public Staleness(
            EntityManager em,
            StalenessConfig config,
            Clock clock,
            MaintenanceSchedule maintenance,
            MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.maintenance = maintenance;
        this.marked = registry.counter("vigie.events.written", "source", "unknown");
    }

    void started(@Observes StartupEvent event) {
        startedAt = clock.instant();
    }

    // the same setting as StalenessConfig.checkEvery, read by the scheduler itself
    @Scheduled(
            every = "${vigie.unknown.check-every:15s}",
            delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int count = sweep(clock.instant(), startedAt == null ? clock.instant() : startedAt);
        if (count > 0) {
            LOG.infof("%d checked services turned Unknown: no check result stored for them lately", count);
        }
    }

    /** A stale service as the query found it. */
    private record Candidate(long id, boolean hasState, Instant lastCheckedAt, Instant watchedSince, long thresholdS) {

        /** Since when the board has heard nothing of it: its last result, or its target's setting when later. */
        Instant silentSince() {
            return lastCheckedAt == null || lastCheckedAt.isBefore(watchedSince) ? watchedSince : lastCheckedAt;
        }
    }

    /**
     * Turns the stale services Unknown, as of {@code now}. Board-web's start counts as a result: after a restart it
     * first drains the results that queued meanwhile, a whole threshold long, before it says Unknown.
     *
     * @param upSince when board-web started taking results (the scheduled run passes its start)
     * @return how many services turned Unknown
     */
    public int sweep(Instant now, Instant upSince) {
        Instant notBefore = upSince.plus(config.atLeast()); // no threshold is shorter: nothing can be stale before
        if (now.isBefore(notBefore)) {
            return 0;
        }
        int total = 0;
        while (true) {
            List<Candidate> found = Retried.transaction(() -> findStale(now, upSince));
            // a service in scheduled maintenance shows Maintenance, silent or not; it is judged again after
            Set<Long> inMaintenance = maintenance.inMaintenance(now);
            List<Candidate> candidates =
                    found.stream().filter(c -> !inMaintenance.contains(c.id())).toList();
            if (candidates.isEmpty()) {
                return total;
            }
            for (Candidate c : candidates) {
                if (!c.hasState()) {
                    Retried.transaction(() -> {
                        createState(c.id());
                        return null;
                    });
                }
            }
            int marked = Retried.transaction(() -> mark(candidates, now, upSince));
            total += marked;
            if (found.size() < config.batchSize() || marked == 0) {
                return total; // the rest, if any, is locked by another board-web: it marks them
            }
        }
    }

    /**
     * Gives a service never checked a check state to mark, in a transaction of its own. The insert locks the service
     * row (its foreign key) and then waits for a check state another run holds, while that run waits to update the
     * service row: a deadlock. So a state committed since the query is seen first (a plain read, this transaction's
     * fresh snapshot) and not inserted again; one being inserted is a one-row transaction, which never waits.
     */
    private void createState(long serviceId) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement exists =
                    connection.prepareStatement("select 1 from check_states where service_id = ?")) {
                exists.setLong(1, serviceId);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert ignore into check_states (service_id, outcome) values (?, 'UP')")) {
                insert.setLong(1, serviceId);
                insert.executeUpdate(); // nothing when a result (or another board-web) created it meanwhile
            }
        });
    }

    /**
     * Marks the candidates still stale, writes their events and shows them. Rows another transaction holds are skipped
     * (another board-web marking them, or a result being stored for them); the locking read sees the latest committed
     * row, so a result stored since the query counts.
     */
    private int mark(List<Candidate> candidates, Instant now, Instant upSince) {
        Map<Long, Candidate> byId = new LinkedHashMap<>(); // in id order, as found
        candidates.forEach(c -> byId.put(c.id(), c));
        List<Candidate> won = em.unwrap(Session.class).doReturningWork(connection -> {
            List<Candidate> locked = new ArrayList<>();
            String marks =
                    String.join(", ", byId.keySet().stream().map(id -> "?").toList());
            try (PreparedStatement lock = connection.prepareStatement(
                    "select service_id, last_checked_at from check_states where service_id in (" + marks
                            + ") and unknown_since is null order by service_id for update skip locked")) {
                int i = 1;
                for (Long id : byId.keySet()) {
                    lock.setLong(i++, id);
                }
                try (ResultSet rs = lock.executeQuery()) {
                    while (rs.next()) {
                        Candidate c = byId.get(rs.getLong(1));
                        Timestamp last = rs.getTimestamp(2);
                        Candidate latest = new Candidate(
                                c.id(), true, last == null ? null : last.toInstant(), c.watchedSince(), c.thresholdS());
                        if (isStale(latest, now, upSince)) {
                            locked.add(latest);
                        }
                    }
                }
            }
            if (!locked.isEmpty()) {
                try (PreparedStatement update =
                        connection.prepareStatement("update check_states set unknown_since = ? where service_id = ?")) {
                    for (Candidate c : locked) {
                        update.setTimestamp(1, Timestamp.from(now));
                        update.setLong(2, c.id());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            return locked;
        });
        if (won.isEmpty()) {
            return 0;
        }
        Status unknown = Status.findBySlug(Status.UNKNOWN)
                .orElseThrow(() -> new IllegalStateException(
                        "status 'unknown' is missing: the checks need the seeded statuses (migration V6)"));
        for (Candidate c : won) {
            writeEvent(c, unknown, now);
        }
        marked.increment(won.size());
        return won.size();
    }

    private static boolean isStale(Candidate c, Instant now, Instant upSince) {
        Instant freshest = c.silentSince().isBefore(upSince) ? upSince : c.silentSince();
        return freshest.isBefore(now.minusSeconds(c.thresholdS()));
    }

    private List<Candidate> findStale(Instant now, Instant upSince) {
        long atLeast = Math.max(1, config.atLeast().toSeconds());
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Candidate> found = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(STALE)) {
                query.setInt(1, config.afterIntervals());
                query.setLong(2, atLeast);
                query.setTimestamp(3, Timestamp.from(upSince));
                query.setInt(4, config.afterIntervals());
                query.setLong(5, atLeast);
                query.setTimestamp(6, Timestamp.from(now));
                query.setInt(7, config.batchSize());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Timestamp last = rs.getTimestamp("last_checked_at");
                        found.add(new Candidate(
                                rs.getLong("id"),
                                rs.getBoolean("has_state"),
                                last == null ? null : last.toInstant(),
                                rs.getTimestamp("watched_since").toInstant(),
                                rs.getLong("threshold_s")));
                    }
                }
            }
            return found;
        });
    }

    private void writeEvent(Candidate c, Status unknown, Instant now) {
        Event event = new Event();
        event.service = em.getReference(Service.class, c.id());
        event.status = unknown;
        event.message = reason(c.silentSince(), now);
        event.source = EventSource.CHECK;
        event.createdAt = now;
        event.persist();
        StatusUpdates.showCheckEvent(c.id(), unknown, now);
        Event.announce(event);
    }

    /**
     * The event's words, in English like every check reason (the API and the feeds carry them as they are; the pages
     * say it in the visitor's language from the last check's time): {@code no check result since 12:04 UTC}, with the
     * date when it was another day.
     */
    public static String reason(Instant since, Instant now) {
        boolean sameDay = LocalDate.ofInstant(since, ZoneOffset.UTC).equals(LocalDate.ofInstant(now, ZoneOffset.UTC));
        return "no check result since " + (sameDay ? TIME : DAY_TIME).format(since);
    }
}
