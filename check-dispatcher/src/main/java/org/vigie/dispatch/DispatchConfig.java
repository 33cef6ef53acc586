package org.vigie.dispatch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the dispatcher claims and publishes ({@code vigie.dispatch.*}). */
@ConfigMapping(prefix = "vigie.dispatch")
public interface DispatchConfig {

    /** How often `run` looks for due services. Slots are whole seconds, so 1 s sends every check on its second. */
    @WithDefault("1s")
    Duration tick();

    /**
     * Services claimed per transaction. A pass repeats batches until one comes back short; smaller batches hold
     * row locks for less time, larger ones take fewer round trips.
     */
    @WithDefault("500")
    int batchSize();

    /** Probe timeout for a connection string without a {@code timeout} option; never more than the interval. */
    @WithDefault("10s")
    Duration defaultTimeout();

    /** How long `once` waits for the database and the broker before it gives up (exit 3 or 4). */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * How long a batch of tasks may wait for the broker's confirms. The pass stops at a task not confirmed by then;
     * its service is not put back (the broker may hold the task) but waits for its next interval.
     */
    @WithDefault("10s")
    Duration publishTimeout();
}
