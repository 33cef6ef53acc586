package org.vigie.board.result;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.board.event.Transitions;
import org.vigie.board.maintenance.service.MaintenanceSchedule;
import org.vigie.board.notify.service.CertificateWarnings;
import org.vigie.board.pool.PoolState;
import org.vigie.board.pool.Quorum.Verdict;
import org.vigie.board.pool.service.PoolVerdicts;
import org.vigie.board.pool.service.PoolVerdicts.ServiceFacts;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;
import org.vigie.check.Pools;

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
            + "evidence, pool) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    // VALUES() reads the row being inserted: MariaDB and MySQL 8 both accept it.
    private static final String ADD_TOTALS =
            " (service_id, %s, checks, up, warning, down, latency_sum_ms, latency_max_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE checks = checks + VALUES(checks), up = up + VALUES(up), "
                    + "warning = warning + VALUES(warning), down = down + VALUES(down), "
                    + "latency_sum_ms = latency_sum_ms + VALUES(latency_sum_ms), latency_max_ms = GREATEST(latency_max_ms, VALUES(latency_max_ms))";
    private static final String ADD_DAILY = "INSERT INTO check_daily" + ADD_TOTALS.formatted("day");
    private static final String ADD_HOURLY = "INSERT INTO check_hourly" + ADD_TOTALS.formatted("hour");
    private static final String ADD_POOL_DAILY = "INSERT INTO pool_daily"
            + ADD_TOTALS.replace("(service_id, %s,", "(service_id, pool, day,").replace("VALUES (?,", "VALUES (?, ?,");

    /** The order results are applied in: the dispatcher's issue time first, the worker's finish time after. */
    private static final Comparator<CheckResult> BY_ISSUE_TIME = Comparator.comparing(
                    (CheckResult r) -> r.issuedAt() == null ? r.finishedAt() : r.issuedAt())
            .thenComparing(r -> r.finishedAt());

    private final EntityManager em;
    private final ObjectMapper json;
    private final Transitions transitions;
    private final PoolVerdicts poolVerdicts;
    private final MaintenanceSchedule maintenance;
    private final CertificateWarnings certificates;
    private final Clock clock;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter orphans;
    private final Counter events;

    public ResultStore(
            EntityManager em,
            ObjectMapper json,
            Transitions transitions,
            PoolVerdicts poolVerdicts,
            MaintenanceSchedule maintenance,
            CertificateWarnings certificates,
            Clock clock,
            MeterRegistry registry) {
        this.em = em;
        this.json = json;
        this.transitions = transitions;
        this.poolVerdicts = poolVerdicts;
        this.maintenance = maintenance;
        this.certificates = certificates;
        this.clock = clock;
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
        // Services in scheduled maintenance: their results are stored and move their check states, but write no
        // event (the board shows Maintenance) and stay out of the rollups (the uptime). One cached read per batch.
        Set<Long> inMaintenance = maintenance.inMaintenance(clock.instant());
        MaintenanceSchedule.Covered covered = maintenance.covered();
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
        Map<Long, ServiceFacts> existing = facts(serviceIds);
        List<CheckResult> fresh = new ArrayList<>();
        List<String> orphanTasks = new ArrayList<>();
        for (CheckResult r : byTask.values()) {
            if (existing.containsKey(r.serviceId())) {
                fresh.add(r);
            } else {
                orphanTasks.add(r.taskId()); // the service was deleted after its task was dispatched
            }
        }
        // Lock the check states first, in key order: a second board-web storing results of the same services waits
        // here instead of losing counter updates or writing a transition twice, and never deadlocks with this one.
        Map<Long, CheckState> states = lockStates(fresh);
        Map<Long, Map<String, PoolState>> poolStates = lockPoolStates(fresh, existing);
        insert(
                fresh,
                r -> existing.get(r.serviceId()).checkedFromSeveralPools(),
                r -> !covered.test(r.serviceId(), r.finishedAt()));

        int eventCount = applyTransitions(fresh, states, poolStates, existing, inMaintenance);
        certificates.note(fresh); // no query unless a certificate crossed a warning threshold not noted yet

        stored.increment(fresh.size());
        duplicates.increment(duplicateCount);
        orphans.increment(orphanTasks.size());
        events.increment(eventCount);
        return new Outcomes(fresh.size(), duplicateCount, orphanTasks, eventCount);
    }

    /** What the transitions need of the services of these ids; a deleted service is missing. */
    private Map<Long, ServiceFacts> facts(Set<Long> serviceIds) {
        Map<Long, ServiceFacts> facts = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return facts;
        }
        em.createQuery(
                        "select s.id, s.pools, s.poolQuorum, s.checkIntervalSeconds, coalesce(s.targetSince, s.createdAt)"
                                + " from Service s where s.id in :ids",
                        Object[].class)
                .setParameter("ids", serviceIds)
                .getResultList()
                .forEach(row -> facts.put(
                        (Long) row[0],
                        new ServiceFacts(
                                (Long) row[0],
                                Pools.parseList((String) row[1]),
                                (Integer) row[2],
                                (Integer) row[3],
                                (Instant) row[4])));
        return facts;
    }

    /** The pool states of the services checked from several pools, locked after their check states, in key order. */
    private static Map<Long, Map<String, PoolState>> lockPoolStates(
            List<CheckResult> results, Map<Long, ServiceFacts> facts) {
        Map<Long, Map<String, PoolState>> states = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        results.stream()
                .map(CheckResult::serviceId)
                .filter(id -> facts.get(id).checkedFromSeveralPools())
                .forEach(ids::add);
        if (!ids.isEmpty()) {
            PoolState.lockFor(ids)
                    .forEach(s -> states.computeIfAbsent(s.serviceId, k -> new HashMap<>())
                            .put(s.pool, s));
        }
        return states;
    }

    private void insert(List<CheckResult> results, Predicate<CheckResult> perPool, Predicate<CheckResult> counted) {
        if (results.isEmpty()) {
            return;
        }
        CheckRollup rollup = CheckRollup.of(results.stream().filter(counted).toList(), perPool);
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
                    insert.setString(11, r.pool());
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
            if (!rollup.poolDays.isEmpty()) {
                try (PreparedStatement poolDaily = connection.prepareStatement(ADD_POOL_DAILY)) {
                    rollup.poolDays.entrySet().stream()
                            .sorted(Comparator.comparing((Map.Entry<CheckRollup.PoolDayKey, CheckRollup.Totals> e) ->
                                            e.getKey().serviceId())
                                    .thenComparing(e -> e.getKey().pool())
                                    .thenComparing(e -> e.getKey().day()))
                            .forEach(e -> {
                                try {
                                    poolDaily.setLong(1, e.getKey().serviceId());
                                    poolDaily.setString(2, e.getKey().pool());
                                    poolDaily.setDate(3, Date.valueOf(e.getKey().day()));
                                    setTotals(poolDaily, 4, e.getValue());
                                    poolDaily.addBatch();
                                } catch (SQLException ex) {
                                    throw new IllegalStateException(ex);
                                }
                            });
                    poolDaily.executeBatch();
                }
            }
        });
    }

    private static void addTotals(PreparedStatement statement, long serviceId, Object period, CheckRollup.Totals t) {
        try {
            statement.setLong(1, serviceId);
            statement.setObject(2, period);
            setTotals(statement, 3, t);
            statement.addBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The totals' six columns, from parameter {@code first} on. */
    private static void setTotals(PreparedStatement statement, int first, CheckRollup.Totals t) throws SQLException {
        statement.setInt(first, t.checks);
        statement.setInt(first + 1, t.up);
        statement.setInt(first + 2, t.warning);
        statement.setInt(first + 3, t.down);
        statement.setLong(first + 4, t.latencySum);
        statement.setInt(first + 5, t.latencyMax);
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

    private int applyTransitions(
            List<CheckResult> results,
            Map<Long, CheckState> states,
            Map<Long, Map<String, PoolState>> poolStates,
            Map<Long, ServiceFacts> facts,
            Set<Long> inMaintenance) {
        if (results.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();

        Map<String, Status> statuses = new HashMap<>();
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
            ServiceFacts service = facts.get(r.serviceId());
            if (service.checkedFromSeveralPools()) {
                Map<String, PoolState> pools = poolStates.computeIfAbsent(r.serviceId(), k -> new HashMap<>());
                boolean newPool = !pools.containsKey(r.pool());
                Optional<Verdict> verdict = poolVerdicts.apply(service, state, pools, r, now);
                if (first) {
                    state.persist();
                }
                if (newPool) {
                    pools.get(r.pool()).persist();
                }
                if (verdict.isPresent() && !inMaintenance.contains(r.serviceId())) {
                    Status status = statuses.computeIfAbsent(verdict.get().say().statusSlug, ResultStore::statusFor);
                    Instant at = unknownSince != null && unknownSince.isAfter(r.finishedAt())
                            ? unknownSince
                            : r.finishedAt();
                    writeEvent(r, status, verdict.get().message(), verdict.get().publicMessage(), at);
                    written++;
                }
                continue;
            }
            Optional<Outcome> change = transitions.apply(state, r);
            if (first) {
                state.persist(); // after apply: the row's last-check columns are required
            }
            if (change.isPresent() && !inMaintenance.contains(r.serviceId())) {
                Status status = statuses.computeIfAbsent(slugOf(change.get()), ResultStore::statusFor);
                // A result that waited in the queue may have finished before the board said Unknown: it still ends
                // the Unknown, so it is dated no earlier than it.
                Instant at =
                        unknownSince != null && unknownSince.isAfter(r.finishedAt()) ? unknownSince : r.finishedAt();
                writeEvent(r, status, r.reason(), r.publicReason(), at);
                written++;
            }
        }
        return written;
    }

    private void writeEvent(CheckResult r, Status status, String message, String publicMessage, Instant at) {
        Event.fromChecks(em.getReference(Service.class, r.serviceId()), status, message, publicMessage, r.taskId(), at);
    }

    private static String slugOf(Outcome outcome) {
        return switch (outcome) {
            case UP -> Status.UP;
            case WARNING -> Status.WARNING;
            case DOWN -> Status.DOWN;
        };
    }

    private static Status statusFor(String slug) {
        return Status.findBySlug(slug)
                .orElseThrow(() -> new IllegalStateException(
                        "status '" + slug + "' is missing: the checks need the seeded statuses up, warning and down"));
    }
}
