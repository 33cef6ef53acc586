package org.vigie.board.incident.service;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.vigie.board.incident.Incident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The drafts waiting for an admin (not published, not resolved), counted in the admin menu. The menu reads the count
 * kept here, never the database: some admin pages render on the event loop, where a query fails the page. The count
 * is taken every {@code vigie.incidents.drafts-count-every}, so drafts another board-web opened show up too, and after
 * each incident change this one commits.
 */
@ApplicationScoped
@Named("incidentDrafts")
public class IncidentDrafts {

    private static final Logger LOG = Logger.getLogger(IncidentDrafts.class);

    /** Fired inside a transaction that changed incidents: the count is taken again once it commits. */
    public record Changed() {}

    private final AtomicInteger waiting = new AtomicInteger();

    /** The drafts waiting, as last counted. */
    public int waiting() {
        return waiting.get();
    }

    // the same setting as IncidentConfig.draftsCountEvery, read by the scheduler itself
    @Scheduled(
            every = "${vigie.incidents.drafts-count-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refresh();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed change) {
        refresh();
    }

    /** Counts the drafts again; on a database failure the last count stays (the next run tries again). */
    public void refresh() {
        try {
            waiting.set(QuarkusTransaction.requiringNew()
                    .call(() -> (int) Incident.count("published = false and resolvedAt is null")));
        } catch (RuntimeException e) {
            LOG.debugf(e, "drafts waiting not counted");
        }
    }
}
