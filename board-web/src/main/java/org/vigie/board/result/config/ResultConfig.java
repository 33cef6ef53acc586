package org.vigie.board.result.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How board-web takes results off the queue and writes them. */
@ConfigMapping(prefix = "vigie.results")
public interface ResultConfig {

    /** Most results written in one transaction. Keep it at or below the channel's max-outstanding-messages. */
    @WithDefault("500")
    int batchSize();

    /** Longest a result waits for its batch to fill: the latency a quiet board adds to freshness. */
    @WithDefault("100ms")
    Duration batchMaxWait();

    /** First wait before a failed batch is written again (database down); doubles up to the maximum. */
    @WithDefault("500ms")
    Duration retryMinBackoff();

    /** Longest wait between two attempts at a failed batch. The batch stays unacknowledged meanwhile. */
    @WithDefault("15s")
    Duration retryMaxBackoff();
}
