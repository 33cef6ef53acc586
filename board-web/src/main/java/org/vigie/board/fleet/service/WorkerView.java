package org.vigie.board.fleet.service;

import java.time.Instant;
import java.util.List;

/**
 * One worker as its latest heartbeat describes it.
 *
 * @param workerId         its id (results carry it too)
 * @param host             the host it runs on
 * @param pools            the pools it serves
 * @param version          its version
 * @param state            {@code live}, {@code draining} (stopping: it takes no new task) or {@code silent} (not heard
 *                         within {@code vigie.fleet.live-within}; forgotten after {@code vigie.fleet.forget-after})
 * @param startedAt        when it started
 * @param lastSeenAt       when board-web last heard it (board-web's clock)
 * @param secondsSinceSeen how long ago that was
 * @param inFlight         checks in flight
 * @param capacity         checks it runs at once at most
 * @param checksDone       checks done since it started
 * @param checksFailed     of those, DOWN
 * @param checksPerMinute  checks a minute between its last two heartbeats; null until two were heard
 * @param meanProbeMillis  mean probe time over its last heartbeat interval
 * @param oldestWaitMillis longest wait of a task between issue and probe over its last heartbeat interval
 */
public record WorkerView(
        String workerId,
        String host,
        List<String> pools,
        String version,
        String state,
        Instant startedAt,
        Instant lastSeenAt,
        long secondsSinceSeen,
        int inFlight,
        int capacity,
        long checksDone,
        long checksFailed,
        Double checksPerMinute,
        long meanProbeMillis,
        long oldestWaitMillis) {

    public static final String LIVE = "live";
    public static final String DRAINING = "draining";
    public static final String SILENT = "silent";

    public String poolList() {
        return String.join(", ", pools);
    }
}
