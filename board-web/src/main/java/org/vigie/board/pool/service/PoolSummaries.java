package org.vigie.board.pool.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.vigie.board.pool.PoolState;
import org.vigie.board.service.Service;

/**
 * Per pool, for a service checked from several pools: what the pool's checks say now and its uptime over a window, as
 * the service pages and the APIs show them.
 */
@ApplicationScoped
public class PoolSummaries {

    /**
     * One pool of a service.
     *
     * @param say          {@code up}, {@code warning}, {@code down}, or {@code unknown} while the pool is silent, or
     *                     {@code pending} before its first result
     * @param checks       checks stored since the window's first day
     * @param upOrWarning  of which up or warning: the uptime's numerator, as for the service
     */
    public record PoolSummary(
            String pool,
            String say,
            Instant lastCheckedAt,
            int lastLatencyMillis,
            String reason,
            String publicReason,
            long checks,
            long upOrWarning,
            long meanLatencyMillis) {

        /** The mean latency as the board's formats take it. */
        public Integer meanLatency() {
            return (int) Math.min(Integer.MAX_VALUE, meanLatencyMillis);
        }

        /** The uptime as a fraction, or null without checks. */
        public Double uptime() {
            return checks == 0 ? null : (double) upOrWarning / checks;
        }
    }

    private final EntityManager em;

    public PoolSummaries(EntityManager em) {
        this.em = em;
    }

    /**
     * As {@link #of} for the public pages and API: the reasons are the public ones, unless the service makes its full
     * reasons public. Empty for a service checked from one pool, or none.
     */
    public List<PoolSummary> forPublic(long serviceId, LocalDate fromDay) {
        Service service = Service.findById(serviceId);
        if (service == null) {
            return List.of();
        }
        return of(serviceId, service.poolList(), fromDay).stream()
                .map(p -> service.fullReasonsPublic
                        ? p
                        : new PoolSummary(
                                p.pool(),
                                p.say(),
                                p.lastCheckedAt(),
                                p.lastLatencyMillis(),
                                p.publicReason(),
                                p.publicReason(),
                                p.checks(),
                                p.upOrWarning(),
                                p.meanLatencyMillis()))
                .toList();
    }

    /** The pools in the service's order; empty for a service checked from one pool (the service's own figures). */
    public List<PoolSummary> of(long serviceId, List<String> pools, LocalDate fromDay) {
        if (pools.size() < 2) {
            return List.of();
        }
        Map<String, PoolState> states = new HashMap<>();
        PoolState.of(serviceId).forEach(s -> states.put(s.pool, s));
        Map<String, long[]> totals = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select pool, sum(checks), sum(up) + sum(warning), "
                        + "sum(latency_sum_ms) from pool_daily where service_id = ?1 and day >= ?2 group by pool")
                .setParameter(1, serviceId)
                .setParameter(2, fromDay)
                .getResultList();
        for (Object[] row : rows) {
            totals.put((String) row[0], new long[] {number(row[1]), number(row[2]), number(row[3])});
        }
        List<PoolSummary> summaries = new ArrayList<>();
        for (String pool : pools) {
            PoolState s = states.get(pool);
            long[] t = totals.getOrDefault(pool, new long[3]);
            String say = s == null || s.lastCheckedAt == null
                    ? "pending"
                    : s.unknownSince != null ? "unknown" : s.outcome.name().toLowerCase();
            summaries.add(new PoolSummary(
                    pool,
                    say,
                    s == null ? null : s.lastCheckedAt,
                    s == null ? 0 : s.lastLatencyMillis,
                    s == null ? null : s.lastReason,
                    s == null ? null : s.lastPublicReason,
                    t[0],
                    t[1],
                    t[0] == 0 ? 0 : t[2] / t[0]));
        }
        return summaries;
    }

    private static long number(Object value) {
        return value instanceof BigDecimal d ? d.longValue() : value instanceof Number n ? n.longValue() : 0;
    }
}
