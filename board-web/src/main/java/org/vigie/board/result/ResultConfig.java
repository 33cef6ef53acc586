package org.vigie.board.result;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How board-web takes results off the queue and writes them. */
@ConfigMapping(prefix = "vigie.results")
public interface ResultConfig {

    /** Most results written in one transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * Result messages board-web holds unacknowledged (the broker prefetch of the results consumer,
     * {@code max-outstanding-messages}). A worker carries up to 50 results in a message, so this bounds the results
     * in memory when board-web falls behind (200 messages: 10,000 results at most, 1,000 held 50,000). A batch
     * closes once it holds half of it, so that the next half arrives while one is written: small messages (many
     * workers, each sending a few results at a time) are not held back by the batch's wait.
     */
    @WithDefault("200")
    int prefetch();

    /** Longest a result waits for its batch to fill: the latency a quiet board adds to freshness. */
    @WithDefault("100ms")
    Duration batchMaxWait();

    /** First wait before a failed batch is written again (database down); doubles up to the maximum. */
    @WithDefault("500ms")
    Duration retryMinBackoff();

    /** Longest wait between two attempts at a failed batch. The batch stays unacknowledged meanwhile. */
    @WithDefault("15s")
    Duration retryMaxBackoff();

    /**
     * Results the consumer may hold beyond what it asked for. After a broker reconnect the connector stops following
     * demand and a new prefetch arrives while the old one is still being written; a few prefetches fit.
     */
    @WithDefault("20000")
    int maxBuffered();

    /**
     * How long results may wait in the queue with none received before the consumer counts as stopped: liveness
     * then fails, so that the service manager restarts board-web.
     */
    @WithDefault("60s")
    Duration stallTimeout();

    /**
     * How long results may wait in the queue with none stored before readiness fails (liveness does not: the consumer
     * may be fine and the writes slow). Kept shorter than the stall timeout: a balancer or an operator should know
     * within seconds that the board is not storing.
     */
    @WithDefault("10s")
    Duration readyStallTimeout();

    /**
     * Longest wait for the broker to take an acknowledgement. An acknowledgement caught in a reconnect may never
     * complete; the result is stored, so it is given up (the broker redelivers it, found stored) rather than let it
     * hold the stream.
     */
    @WithDefault("30s")
    Duration ackTimeout();

    /**
     * How often board-web reads the results queue's depth (for the stall check) and takes the tasks' dead letters
     * off their queue as missed checks (a duration such as {@code 10s}), or {@code off}.
     */
    @WithDefault("10s")
    String watchEvery();

    /**
     * How long raw results are kept (for the admin's evidence and for reprocessing). The board reads rollups, not
     * raw results, so its history outlives them. At 2,000 checks a second a day is ~170 million rows: keep it short.
     */
    @WithDefault("168h")
    Duration retention();

    /** How long hourly rollups are kept: the service pages chart them over the history window (at most 90 days). */
    @WithDefault("2208h")
    Duration hourlyRetention();

    /** How often results past their retention are pruned (a duration such as {@code 10m}), or {@code off}. */
    @WithDefault("10m")
    String pruneEvery();

    /** Rows deleted per transaction while pruning, so that no delete holds locks for long. */
    @WithDefault("5000")
    int pruneChunk();
}
