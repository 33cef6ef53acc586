package org.vigie.messaging;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;
import org.vigie.check.Pools;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

/**
 * Exchange and queue names, {@code vigie.rabbitmq.*}. The apps' channel settings read the same keys with
 * {@code ${vigie.rabbitmq....}}, so one setting moves both the connector and {@link Topology}. An app's
 * application.properties sets only what differs, such as the {@code %test} names that keep the modules' tests apart
 * on one broker.
 * <p>
 * The defaults every app shares are in this jar's META-INF/microprofile-config.properties rather than in
 * {@code @WithDefault}: in board-web, which reads {@code ${vigie.rabbitmq.delivery-limit}} in its channel settings
 * but never injects this mapping, {@code @WithDefault} values were not there (its queue lost x-delivery-limit).
 */
@ConfigMapping(prefix = "vigie.rabbitmq")
public interface BrokerNames {

    /** Direct exchange the dispatcher publishes tasks to. */
    String tasksExchange();

    /** Quorum queue the workers of the default pool consume tasks from (competing consumers). */
    String tasksQueue();

    /** Routing key binding {@link #tasksQueue()} to {@link #tasksExchange()}. */
    String tasksRoutingKey();

    /**
     * The task queue of {@code pool}: {@link #tasksQueue()} for the default pool, as before pools existed (an
     * installation with one pool keeps its queue), {@code <tasks-queue>.<pool>} for any other.
     */
    default String tasksQueue(String pool) {
        return ofPool(tasksQueue(), pool);
    }

    /** The routing key of {@code pool}'s tasks: {@link #tasksRoutingKey()}, or {@code <tasks-routing-key>.<pool>}. */
    default String tasksRoutingKey(String pool) {
        return ofPool(tasksRoutingKey(), pool);
    }

    /** {@code name} for the default pool, {@code <name>.<pool>} for any other: how pools name queues and keys. */
    static String ofPool(String name, String pool) {
        return Pools.DEFAULT.equals(pool) ? name : name + "." + Pools.require(pool);
    }

    /** Direct exchange the workers publish results to. */
    String resultsExchange();

    /** Quorum queue board-web consumes results from. */
    String resultsQueue();

    /** Routing key binding {@link #resultsQueue()} to {@link #resultsExchange()}. */
    String resultsRoutingKey();

    /**
     * Fanout exchange of the workers' heartbeats ({@link org.vigie.check.WorkerHeartbeat}): every board-web binds a
     * queue of its own to it, so each sees every worker. Heartbeats are not persistent and expire quickly.
     */
    String workersExchange();

    /** Direct exchange of dead letters; each queue dead-letters with its own name as routing key. */
    String deadLetterExchange();

    /** Where malformed, poison and expired tasks wait for an operator. */
    String tasksDeadLetterQueue();

    /** Where malformed and poison results wait for an operator, however long. */
    String resultsDeadLetterQueue();

    /** Deliveries after which a quorum queue dead-letters a message (a crash loop) instead of redelivering it. */
    long deliveryLimit();

    /**
     * Most tasks one task message carries. A message holds one task (a JSON object) or several of one pool (a JSON
     * array), expiring with the earliest of them; workers acknowledge it once every task in it has its result. The
     * broker's work (a write, a delivery, a confirm and an acknowledgement) is per message, so this divides it; the
     * dispatcher writes at most this many, and workers size their prefetch by it (1: one task a message).
     */
    int tasksPerMessage();

    /**
     * How long a dead task is kept in {@link #tasksDeadLetterQueue()}: a day for an operator to look. Written in
     * milliseconds, because the worker's channel reads the same key as its {@code dead-letter-ttl} (a long).
     */
    @WithConverter(Millis.class)
    Duration tasksDeadLetterTtl();

    /** A whole number of milliseconds; {@code 1d} or {@code PT24H} would break the connector that reads it too. */
    final class Millis implements Converter<Duration> {

        private static final long serialVersionUID = 1L;

        @Override
        public Duration convert(String value) {
            try {
                return Duration.ofMillis(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number of milliseconds, not '" + value + "'", e);
            }
        }
    }
}
