package org.vigie.board.pool.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.board.event.Retried;
import org.vigie.board.event.SkipLocked;
import org.vigie.board.maintenance.service.MaintenanceSchedule;
import org.vigie.board.pool.PoolState;
import org.vigie.board.pool.Quorum.Say;
import org.vigie.board.pool.Quorum.Verdict;
import org.vigie.board.pool.service.PoolVerdicts.ServiceFacts;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;
import org.vigie.check.Pools;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Decides again, now and then, for the services checked from several pools: a pool falls silent (its worker gone, its
 * tasks expiring) without any result telling the board, and the quorum's verdict may change with it. Results moving a
 * verdict are handled where they are stored; this handles silence. Check states are locked with {@code SKIP LOCKED}:
 * a row held by a result being stored (or by another board-web) is decided there.
 */
@ApplicationScoped
public class PoolWatch {

    private static final Logger LOG = Logger.getLogger(PoolWatch.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final PoolVerdicts verdicts;
    private final Clock clock;
    private final MaintenanceSchedule maintenance;
    private final Counter written;

    public PoolWatch(
            EntityManager em,
            PoolVerdicts verdicts,
            Clock clock,
            MaintenanceSchedule maintenance,
            MeterRegistry registry) {
        this.em = em;
        this.verdicts = verdicts;
        this.clock = clock;
        this.maintenance = maintenance;
        this.written = registry.counter("vigie.events.written", "source", "pools");
    }

    // the same schedule as the services' Staleness
    @Scheduled(
            every = "${vigie.unknown.check-every:15s}",
            delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int changed = sweep(clock.instant());
        if (changed > 0) {
            LOG.infof(
                    "%d services checked from several pools changed status as pools fell silent or came back", changed);
        }
    }

    /** Decides again for every service checked from several pools, as of {@code now}; says how many changed. */
    public int sweep(Instant now) {
        List<Long> ids = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "select s.id from Service s where s.target is not null and s.pools like '%,%' "
                                        + "order by s.id",
                                Long.class)
                        .getResultList());
        int changed = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            changed += Retried.transaction(() -> decide(batch, now));
        }
        return changed;
    }

    private int decide(List<Long> ids, Instant now) {
        List<Long> locked = lockStates(ids);
        if (locked.isEmpty()) {
            return 0;
        }
        Map<Long, CheckState> states = new HashMap<>();
        CheckState.<CheckState>list("serviceId in ?1", locked).forEach(s -> states.put(s.serviceId, s));
        Map<Long, Map<String, PoolState>> pools = new HashMap<>();
        PoolState.lockFor(locked)
                .forEach(p ->
                        pools.computeIfAbsent(p.serviceId, k -> new HashMap<>()).put(p.pool, p));
        int changed = 0;
        Set<Long> inMaintenance = maintenance.inMaintenance(now); // their verdicts wait for the window's end
        for (Service service : Service.<Service>list("id in ?1", locked)) {
            CheckState state = states.get(service.id);
            ServiceFacts facts = new ServiceFacts(
                    service.id,
                    Pools.parseList(service.pools),
                    service.poolQuorum,
                    service.checkIntervalSeconds,
                    service.targetSince != null ? service.targetSince : service.createdAt);
            Optional<Verdict> verdict =
                    verdicts.reevaluate(facts, state, pools.getOrDefault(service.id, Map.of()), now);
            if (verdict.isPresent() && !inMaintenance.contains(service.id)) {
                Event.fromChecks(
                        service,
                        status(verdict.get().say()),
                        verdict.get().message(),
                        verdict.get().publicMessage(),
                        null,
                        now);
                changed++;
            }
        }
        written.increment(changed);
        return changed;
    }

    /** The check states of these services that no other transaction holds; services never checked have none. */
    private List<Long> lockStates(List<Long> ids) {
        return SkipLocked.lock(em, "check_states", "service_id", ids);
    }

    private static Status status(Say say) {
        String slug = say.statusSlug;
        return Status.findBySlug(slug)
                .orElseThrow(() -> new IllegalStateException("status '" + slug + "' is missing: see the migrations"));
    }
}
