package org.vigie.check;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a worker says about itself every few seconds, on the workers exchange: who it is, which pools it serves, how
 * busy it is and whether it is falling behind. board-web keeps the latest one per worker for the fleet page; a
 * heartbeat is not a result: losing one costs nothing, the next one says it all again.
 *
 * @param workerId         the id the worker signs its results with
 * @param host             the host it runs on, as it knows itself
 * @param pools            the pools it serves (their task queues are the ones it consumes)
 * @param version          the worker's version, so a mixed fleet is visible during an upgrade
 * @param startedAt        when the worker started: a new value means a restart, and its counters start again
 * @param sentAt           when this heartbeat was sent, by the worker's clock
 * @param inFlight         tasks received and not yet settled with the broker (being probed, or their result waiting
 *                         for its confirm)
 * @param capacity         the most tasks it checks at once ({@code vigie.worker.max-in-flight}, its prefetch)
 * @param checksDone       checks done since it started
 * @param checksFailed     of those, checks whose outcome was DOWN
 * @param meanProbeMillis  mean probe time of the checks done over the last heartbeat interval; 0 when none was
 * @param oldestWaitMillis over the last interval, the longest a task waited from its issue (the dispatcher's
 *                         {@code issuedAt}) to its probe's start: the "falling behind" signal; 0 when no task started
 * @param draining         the worker was told to stop: it takes no new task and finishes those in flight
 */
public record WorkerHeartbeat(
        String workerId,
        String host,
        List<String> pools,
        String version,
        Instant startedAt,
        Instant sentAt,
        int inFlight,
        int capacity,
        long checksDone,
        long checksFailed,
        long meanProbeMillis,
        long oldestWaitMillis,
        boolean draining) {

    /** As long as a result's worker id: the board shows and stores no longer one. */
    public static final int MAX_WORKER_ID_LENGTH = CheckResult.MAX_WORKER_ID_LENGTH;

    public static final int MAX_TEXT_LENGTH = 100;

    public WorkerHeartbeat {
        CheckTask.requireText(workerId, "workerId");
        if (workerId.length() > MAX_WORKER_ID_LENGTH) {
            throw new IllegalArgumentException("workerId is longer than " + MAX_WORKER_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(startedAt, "startedAt is missing");
        Objects.requireNonNull(sentAt, "sentAt is missing");
        host = cut(host == null ? "" : host);
        version = cut(version == null ? "" : version);
        pools = pools == null || pools.isEmpty() ? List.of(Pools.DEFAULT) : Pools.parseList(String.join(",", pools));
        if (inFlight < 0
                || capacity < 0
                || checksDone < 0
                || checksFailed < 0
                || meanProbeMillis < 0
                || oldestWaitMillis < 0) {
            throw new IllegalArgumentException("counts and times must not be negative");
        }
    }

    private static String cut(String text) {
        return text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text;
    }
}
