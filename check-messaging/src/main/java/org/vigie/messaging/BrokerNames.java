package org.vigie.messaging;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Exchange and queue names, {@code vigie.rabbitmq.*}, with the defaults every app shares. The apps' channel settings
 * read the same keys with {@code ${vigie.rabbitmq....}}, so one setting moves both the connector and {@link Topology}.
 * An app's application.properties sets only what differs, such as the {@code %test} names that keep the modules'
 * tests apart on one broker.
 */
@ConfigMapping(prefix = "vigie.rabbitmq")
public interface BrokerNames {

    /** Direct exchange the dispatcher publishes tasks to. */
    @WithDefault("vigie.tasks")
    String tasksExchange();

    /** Quorum queue every worker consumes tasks from (competing consumers). */
    @WithDefault("vigie.check-tasks")
    String tasksQueue();

    /** Routing key binding {@link #tasksQueue()} to {@link #tasksExchange()}. */
    @WithDefault("check")
    String tasksRoutingKey();

    /** Direct exchange the workers publish results to. */
    @WithDefault("vigie.results")
    String resultsExchange();

    /** Quorum queue board-web consumes results from. */
    @WithDefault("vigie.check-results")
    String resultsQueue();

    /** Routing key binding {@link #resultsQueue()} to {@link #resultsExchange()}. */
    @WithDefault("result")
    String resultsRoutingKey();

    /** Direct exchange of dead letters; each queue dead-letters with its own name as routing key. */
    @WithDefault("vigie.dlx")
    String deadLetterExchange();

    /** Where malformed, poison and expired tasks wait for an operator. */
    @WithDefault("vigie.check-tasks.dlq")
    String tasksDeadLetterQueue();

    /** Where malformed and poison results wait for an operator, however long. */
    @WithDefault("vigie.check-results.dlq")
    String resultsDeadLetterQueue();

    /** Deliveries after which a quorum queue dead-letters a message (a crash loop) instead of redelivering it. */
    @WithDefault("5")
    long deliveryLimit();

    /**
     * How long a dead task is kept in {@link #tasksDeadLetterQueue()}: a day for an operator to look. Written in
     * milliseconds, because the worker's channel reads the same key as its {@code dead-letter-ttl} (a long).
     */
    @WithDefault("86400000")
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
