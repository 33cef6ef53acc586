package org.vigie.board.result;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes raw results and hourly rollups past their retention, in small transactions. Daily rollups are kept: they
 * are the board's long history and stay small (one row per service and day).
 */
@ApplicationScoped
public class ResultRetention {

    private static final Logger LOG = Logger.getLogger(ResultRetention.class);

    private final EntityManager em;
    private final ResultConfig config;
    private final Clock clock;

    public ResultRetention(EntityManager em, ResultConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** What one pruning deleted. */
    public record Pruned(long results, long hourly) {}

    // the same setting as ResultConfig.pruneEvery, read by the scheduler itself
    @Scheduled(
            every = "${vigie.results.prune-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Pruned pruned = prune();
        if (pruned.results() + pruned.hourly() > 0) {
            LOG.infof(
                    "pruned %d results and %d hourly rollups past their retention", pruned.results(), pruned.hourly());
        }
    }

    public Pruned prune() {
        Instant now = clock.instant();
        return new Pruned(
                pruneResults(now.minus(config.retention())), pruneHourly(now.minus(config.hourlyRetention())));
    }

    /**
     * Results are deleted by id, below the first id finished after the cutoff: ids follow arrival, so this walks the
     * primary key instead of scanning a time index that every insert would have to maintain.
     */
    private long pruneResults(Instant cutoff) {
        Long boundary = QuarkusTransaction.requiringNew().call(() -> {
            Object first = em.createNativeQuery(
                            "SELECT id FROM check_results WHERE finished_at >= ?1 ORDER BY id LIMIT 1")
                    .setParameter(1, Timestamp.from(cutoff))
                    .getResultStream()
                    .findFirst()
                    .orElse(null);
            if (first != null) {
                return ((Number) first).longValue();
            }
            Object max =
                    em.createNativeQuery("SELECT MAX(id) FROM check_results").getSingleResult();
            return max == null ? null : ((Number) max).longValue() + 1;
        });
        if (boundary == null) {
            return 0;
        }
        return deleteInChunks("DELETE FROM check_results WHERE id < ?1 LIMIT " + config.pruneChunk(), boundary);
    }

    private long pruneHourly(Instant cutoff) {
        return deleteInChunks(
                "DELETE FROM check_hourly WHERE hour < ?1 LIMIT " + config.pruneChunk(), Timestamp.from(cutoff));
    }

    private long deleteInChunks(String sql, Object bound) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery(sql).setParameter(1, bound).executeUpdate());
            total += deleted;
        } while (deleted == config.pruneChunk());
        return total;
    }
}
