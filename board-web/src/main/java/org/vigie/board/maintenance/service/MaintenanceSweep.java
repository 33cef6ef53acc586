package org.vigie.board.maintenance.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.vigie.board.event.Retried;
import org.vigie.board.event.SkipLocked;
import org.vigie.board.maintenance.MaintenanceService;
import org.vigie.board.maintenance.Occurrences;

import io.quarkus.scheduler.Scheduled;

/**
 * Moves services in and out of maintenance as the clock passes windows' starts and ends: each service row of a
 * window in progress gets its Maintenance event once per occurrence, and its checked status back after. Rows are
 * locked {@code FOR UPDATE SKIP LOCKED} and decided again after the lock, as Staleness does, so two board-webs never
 * write an event twice.
 */
@ApplicationScoped
public class MaintenanceSweep {

    private static final Logger LOG = Logger.getLogger(MaintenanceSweep.class);
    private static final Duration LOOK_BACK = Duration.ofDays(8);

    private final EntityManager em;
    private final Clock clock;
    private final MaintenanceSchedule schedule;

    public MaintenanceSweep(EntityManager em, Clock clock, MaintenanceSchedule schedule) {
        this.em = em;
        this.clock = clock;
        this.schedule = schedule;
    }

    // the same setting as MaintenanceConfig.sweepEvery, read by the scheduler itself
    @Scheduled(
            every = "${vigie.maintenance.sweep-every:5s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int changed = sweep(clock.instant());
        if (changed > 0) {
            LOG.infof("%d services entered or left scheduled maintenance", changed);
        }
    }

    /** After an admin's change has committed: apply it now rather than at the next tick. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MaintenanceCatalog.WindowsChanged change) {
        try {
            sweep(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("applying a maintenance change failed; the next sweep tries again", e);
        }
    }

    /** Applies the windows as of {@code now}; says how many service rows changed. */
    public int sweep(Instant now) {
        List<Long> due = Retried.transaction(() -> due(now));
        if (due.isEmpty()) {
            return 0;
        }
        int changed = Retried.transaction(() -> apply(due, now));
        schedule.invalidate();
        return changed;
    }

    /** The rows whose shown occurrence is not the one in progress. */
    private List<Long> due(Instant now) {
        ZoneId zone = MaintenanceSchedule.zone();
        List<Long> ids = new ArrayList<>();
        for (MaintenanceService row : MaintenanceService.<MaintenanceService>find(
                        "select ms from MaintenanceService ms join fetch ms.window w"
                                + " where ms.shownSince is not null or w.repeatRule is not null or w.endsAt > ?1",
                        now.minus(LOOK_BACK))
                .list()) {
            if (!Objects.equals(row.shownSince, shouldShow(row, zone, now))) {
                ids.add(row.id);
            }
        }
        return ids;
    }

    private int apply(List<Long> ids, Instant now) {
        List<Long> locked = lock(ids);
        if (locked.isEmpty()) {
            return 0;
        }
        ZoneId zone = MaintenanceSchedule.zone();
        int changed = 0;
        for (MaintenanceService row : MaintenanceService.<MaintenanceService>list("id in ?1 order by id", locked)) {
            Instant show = shouldShow(row, zone, now);
            if (Objects.equals(row.shownSince, show)) {
                continue; // another board-web did it between the query and the lock
            }
            if (show != null) {
                MaintenanceEvents.start(row, show);
            } else {
                Occurrences.Span ended = Occurrences.of(row.window, zone).span(row.shownSince);
                MaintenanceEvents.end(row, ended.end().isAfter(now) ? now : ended.end());
            }
            changed++;
        }
        return changed;
    }

    private static Instant shouldShow(MaintenanceService row, ZoneId zone, Instant now) {
        try {
            return Occurrences.of(row.window, zone)
                    .at(now)
                    .map(Occurrences.Span::start)
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private List<Long> lock(List<Long> ids) {
        return SkipLocked.lock(em, "maintenance_services", "id", ids);
    }
}
