package org.vigie.worker.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The worker's own settings, {@code vigie.worker.*}. Broker names are {@code vigie.rabbitmq.*}
 * ({@link org.vigie.worker.messaging.RabbitNames}); the broker connection is {@code rabbitmq-host} and friends.
 */
@ConfigMapping(prefix = "vigie.worker")
public interface WorkerConfig {

    /**
     * Names this worker in every result it publishes, so an operator can tell which worker checked.
     * Default: {@code <hostname>-<pid>}, unique among workers started on one host.
     */
    Optional<String> id();

    /**
     * Most tasks this worker checks at once. It is also the broker prefetch of the task consumer
     * ({@code max-outstanding-messages}), so the broker never hands this worker more than it can probe.
     * Default 256: probes wait on the network, not on the CPU.
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Longest probe this worker runs, whatever a task asks. Tasks carry their own timeout; this bounds a
     * dispatcher gone wrong, and it is the connect timeout of the shared TCP client. Default 2m, the longest
     * timeout a connection string may ask for.
     */
    @WithDefault("2m")
    Duration maxProbeTimeout();

    /** HTTP and HTTPS checks. */
    Http http();

    interface Http {

        /** User-Agent of every HTTP check, so target owners can recognise Vigie in their logs. Default {@code Vigie}. */
        @WithDefault("Vigie")
        String userAgent();
    }
}
