package org.vigie.board.fleet.service;

/**
 * One pool as the fleet page shows it.
 *
 * @param pool             its name
 * @param inUse            some checked service names it
 * @param liveWorkers      workers serving it heard within {@code vigie.fleet.live-within}, not draining
 * @param capacity         the checks those workers run at once for it (a worker's capacity is shared equally between
 *                         its pools, as its prefetch is)
 * @param inFlight         the checks they have in flight for it (shared likewise)
 * @param checksPerMinute  the checks they do a minute for it (shared likewise)
 * @param queueDepth       tasks ready in its queue; null when unknown (broker unreachable) or not declared yet
 * @param queueDeclared    whether its queue exists (a pool no dispatcher or worker used yet has none)
 * @param oldestWaitMillis the longest a task of its live workers waited between its issue and its probe, over their
 *                         last heartbeat interval
 * @param state            {@code healthy}, {@code no-worker}, {@code not-used} or {@code behind}
 * @param verdict          the state in words: {@code healthy}, {@code no worker}, {@code not used},
 *                         {@code falling behind: oldest task 40 s}
 */
public record PoolView(
        String pool,
        boolean inUse,
        int liveWorkers,
        int capacity,
        int inFlight,
        double checksPerMinute,
        Long queueDepth,
        boolean queueDeclared,
        long oldestWaitMillis,
        String state,
        String verdict) {

    public static final String HEALTHY = "healthy";
    public static final String NO_WORKER = "no-worker";
    public static final String NOT_USED = "not-used";
    public static final String BEHIND = "behind";

    public boolean healthy() {
        return HEALTHY.equals(state);
    }

    /** The queue depth as the page shows it. */
    public String queueText() {
        if (queueDepth != null) {
            return queueDepth.toString();
        }
        return queueDeclared ? "unknown" : "not declared yet";
    }
}
