package org.vigie.dispatch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the dispatcher claims and publishes ({@code vigie.dispatch.*}). */
@ConfigMapping(prefix = "vigie.dispatch")
public interface DispatchConfig {

    /**
     * How often `run` looks for due services. Slots are spread to the millisecond: a short tick sends each check
     * close to its slot, and a second's checks in several small passes rather than one burst the workers queue.
     */
    @WithDefault("250ms")
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
     * Most tasks a pool's queue may hold, waiting for a worker, before a pass stops claiming: past it, due services
     * stay due (claimed oldest first as the workers catch up) instead of flooding the queue with tasks that would go
     * stale there: a first pass or a catch-up after an outage paces itself. Only queues with a consumer count (the
     * tasks of a pool nobody serves expire into the dead letters, counted, and hold no one back); 0 turns pacing off.
     * Keep it above what the workers take in one tick (at 3,000 checks/s and a 250 ms tick, at least 750).
     */
    @WithDefault("10000")
    int maxQueued();

    /**
     * How long a batch of tasks may wait for the broker's confirms. The pass stops at a task not confirmed by then;
     * its service is not put back (the broker may hold the task) but waits for its next interval.
     */
    @WithDefault("10s")
    Duration publishTimeout();
}
