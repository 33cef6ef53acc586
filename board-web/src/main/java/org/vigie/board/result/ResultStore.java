package org.vigie.board.result;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.board.event.EventSource;
import org.vigie.board.event.StatusUpdates;
import org.vigie.board.event.Transitions;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes a batch of results in one transaction: stores the new ones (a task id already stored is skipped, so a
 * redelivered result is stored once), moves each service's check state, and writes an event where the shown
 * status changes. Calling it again with the same batch changes nothing more.
 */
@ApplicationScoped
public class ResultStore {

    private static final String INSERT = "INSERT INTO check_results "
            + "(task_id, service_id, outcome, latency_ms, reason, public_reason, worker_id, started_at, finished_at, "
            + "evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    // VALUES() reads the row being inserted: MariaDB and MySQL 8 both accept it.
    private static final String ADD_TOTALS =
            " (service_id, %s, checks, up, warning, down, latency_sum_ms, latency_max_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE checks = checks + VALUES(checks), up = up + VALUES(up), "
                    + "warning = warning + VALUES(warning), down = down + VALUES(down), "
                    + "latency_sum_ms = latency_sum_ms + VALUES(latency_sum_ms), latency_max_ms = GREATEST(latency_max_ms, VALUES(latency_max_ms))";
    private static final String ADD_DAILY = "INSERT INTO check_daily" + ADD_TOTALS.formatted("day");
    private static final String ADD_HOURLY = "INSERT INTO check_hourly" + ADD_TOTALS.formatted("hour");

    /** The order results are applied in: the dispatcher's issue time first, the worker's finish time after. */
    private static final Comparator<CheckResult> BY_ISSUE_TIME = Comparator.comparing(
                    (CheckResult r) -> r.issuedAt() == null ? r.finishedAt() : r.issuedAt())
            .thenComparing(r -> r.finishedAt());

    private final EntityManager em;
    private final ObjectMapper json;
    private final Transitions transitions;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter orphans;
    private final Counter events;

    public ResultStore(EntityManager em, ObjectMapper json, Transitions transitions, MeterRegistry registry) {
        this.em = em;
        this.json = json;
        this.transitions = transitions;
        this.stored = registry.counter("vigie.results.stored");
        this.duplicates = registry.counter("vigie.results.duplicates");
        this.orphans = registry.counter("vigie.results.unknown.service");
        this.events = registry.counter("vigie.events.written", "source", "check");
    }

    /**
     * What one batch did. {@code unknownService} holds the task ids of results whose service no longer exists: the
     * caller dead-letters them, so that every result ends somewhere an operator can count.
     */
    public record Outcomes(int stored, int duplicates, List<String> unknownService, int events) {}

    @Transactional
    public Outcomes store(Collection<CheckResult> batch) {
        Map<String, CheckResult> byTask = new LinkedHashMap<>();
        batch.forEach(r -> byTask.putIfAbsent(r.taskId(), r));
        int duplicateCount = batch.size() - byTask.size();

        List<String> known = em.createQuery("select r.taskId from StoredResult r where r.taskId in :ids", String.class)
                .setParameter("ids", byTask.keySet())
                .getResultList();
        known.forEach(byTask::remove);
        duplicateCount += known.size();

        Set<Long> serviceIds = new HashSet<>();
        byTask.values().forEach(r -> serviceIds.add(r.serviceId()));
        Set<Long> existing = serviceIds.isEmpty()
                ? Set.of()
                : new HashSet<>(em.createQuery("select s.id from Service s where s.id in :ids", Long.class)
                        .setParameter("ids", serviceIds)
                        .getResultList());
        List<CheckResult> fresh = new ArrayList<>();
        List<String> orphanTasks = new ArrayList<>();
        for (CheckResult r : byTask.values()) {
            if (existing.contains(r.serviceId())) {
                fresh.add(r);
            } else {
                orphanTasks.add(r.taskId()); // the service was deleted after its task was dispatched
            }
        }
        // Lock the check states first, in key order: a second board-web storing results of the same services waits
        // here instead of losing counter updates or writing a transition twice, and never deadlocks with this one.
        Map<Long, CheckState> states = lockStates(fresh);
        insert(fresh);

        int eventCount = applyTransitions(fresh, states);

        stored.increment(fresh.size());
        duplicates.increment(duplicateCount);
        orphans.increment(orphanTasks.size());
        events.increment(eventCount);
        return new Outcomes(fresh.size(), duplicateCount, orphanTasks, eventCount);
    }

    private void insert(List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        CheckRollup rollup = CheckRollup.of(results);
        // One multi-row statement per batch (rewriteBatchedStatements): Hibernate would insert IDENTITY rows one by
        // one.
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (CheckResult r : results) {
                    insert.setString(1, r.taskId());
                    insert.setLong(2, r.serviceId());
                    insert.setString(3, r.outcome().name());
                    insert.setInt(4, (int) Math.min(Integer.MAX_VALUE, r.latencyMillis()));
                    insert.setString(5, r.reason());
                    insert.setString(6, r.publicReason());
                    insert.setString(7, r.workerId());
                    insert.setTimestamp(8, Timestamp.from(r.startedAt()));
                    insert.setTimestamp(9, Timestamp.from(r.finishedAt()));
                    insert.setString(10, evidenceOf(r));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            // Rows in key order: two board-web instances adding to the same rows then lock them in the same order.
            try (PreparedStatement daily = connection.prepareStatement(ADD_DAILY)) {
                rollup.days.entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<CheckRollup.DayKey, CheckRollup.Totals> e) ->
                                        e.getKey().serviceId())
                                .thenComparing(e -> e.getKey().day()))
                        .forEach(e -> addTotals(
                                daily,
                                e.getKey().serviceId(),
                                Date.valueOf(e.getKey().day()),
                                e.getValue()));
                daily.executeBatch();
            }
            try (PreparedStatement hourly = connection.prepareStatement(ADD_HOURLY)) {
                rollup.hours.entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<CheckRollup.HourKey, CheckRollup.Totals> e) ->
                                        e.getKey().serviceId())
                                .thenComparing(e -> e.getKey().hour()))
                        .forEach(e -> addTotals(
                                hourly,
                                e.getKey().serviceId(),
                                Timestamp.from(e.getKey().hour()),
                                e.getValue()));
                hourly.executeBatch();
            }
        });
    }

    private static void addTotals(PreparedStatement statement, long serviceId, Object period, CheckRollup.Totals t) {
        try {
            statement.setLong(1, serviceId);
            statement.setObject(2, period);
            statement.setInt(3, t.checks);
            statement.setInt(4, t.up);
            statement.setInt(5, t.warning);
            statement.setInt(6, t.down);
            statement.setLong(7, t.latencySum);
            statement.setInt(8, t.latencyMax);
            statement.addBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evidence is kept for results that were not up: what an admin reads to understand a failure. */
    private String evidenceOf(CheckResult r) {
        if (r.outcome() == Outcome.UP || r.evidence().isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(r.evidence());
        } catch (JsonProcessingException e) {
            return null; // a map of strings always writes; nothing to keep otherwise
        }
    }

    private static Map<Long, CheckState> lockStates(List<CheckResult> results) {
        Map<Long, CheckState> states = new HashMap<>();
        if (results.isEmpty()) {
            return states;
        }
        Set<Long> serviceIds = new HashSet<>();
        results.forEach(r -> serviceIds.add(r.serviceId()));
        CheckState.<CheckState>find("serviceId in ?1 order by serviceId", serviceIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .forEach(s -> states.put(s.serviceId, s));
        return states;
    }

    private int applyTransitions(List<CheckResult> results, Map<Long, CheckState> states) {
        if (results.isEmpty()) {
            return 0;
        }

        Map<Outcome, Status> statuses = new HashMap<>();
        int written = 0;
        List<CheckResult> inOrder = new ArrayList<>(results);
        inOrder.sort(BY_ISSUE_TIME);
        for (CheckResult r : inOrder) {
            CheckState state = states.get(r.serviceId());
            boolean first = state == null;
            if (first) {
                state = Transitions.initialState(r.serviceId());
                states.put(r.serviceId(), state);
            }
            Instant unknownSince = state.unknownSince;
            Optional<Outcome> change = transitions.apply(state, r);
            if (first) {
                state.persist(); // after apply: the row's last-check columns are required
            }
            if (change.isPresent()) {
                Status status = statuses.computeIfAbsent(change.get(), ResultStore::statusFor);
                // A result that waited in the queue may have finished before the board said Unknown: it still ends
                // the Unknown, so it is dated no earlier than it.
                Instant at =
                        unknownSince != null && unknownSince.isAfter(r.finishedAt()) ? unknownSince : r.finishedAt();
                writeEvent(r, status, at);
                written++;
            }
        }
        return written;
    }

    private void writeEvent(CheckResult r, Status status, Instant at) {
        Service service = em.getReference(Service.class, r.serviceId());
        Event event = new Event();
        event.service = service;
        event.status = status;
        event.message = r.reason();
        event.publicMessage = r.publicReason();
        event.source = EventSource.CHECK;
        event.taskId = r.taskId();
        event.createdAt = at;
        event.persist();
        StatusUpdates.showCheckEvent(r.serviceId(), status, at);
    }

    private static Status statusFor(Outcome outcome) {
        String slug = switch (outcome) {
            case UP -> Status.UP;
            case WARNING -> Status.WARNING;
            case DOWN -> Status.DOWN;
        };
        return Status.findBySlug(slug)
                .orElseThrow(() -> new IllegalStateException(
                        "status '" + slug + "' is missing: the checks need the seeded statuses up, warning and down"));
    }
}
