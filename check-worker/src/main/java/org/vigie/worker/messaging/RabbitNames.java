package org.vigie.worker.messaging;

import io.smallrye.config.ConfigMapping;

/**
 * Exchange and queue names and arguments, {@code vigie.rabbitmq.*}. The channel settings in application.properties
 * refer to these same keys with {@code ${...}}, so one setting drives both the connector and {@link Topology}.
 * Defaults are in application.properties (docs/architecture.md lists them).
 */
@ConfigMapping(prefix = "vigie.rabbitmq")
public interface RabbitNames {

    /** Direct exchange the dispatcher publishes tasks to. */
    String tasksExchange();

    /** Quorum queue every worker consumes tasks from (competing consumers). */
    String tasksQueue();

    /** Routing key binding {@link #tasksQueue()} to {@link #tasksExchange()}. */
    String tasksRoutingKey();

    /** Direct exchange this worker publishes results to. */
    String resultsExchange();

    /** Quorum queue board-web consumes results from; declared here too, see {@link Topology}. */
    String resultsQueue();

    /** Routing key of results, binding {@link #resultsQueue()} to {@link #resultsExchange()}. */
    String resultsRoutingKey();

    /** Direct exchange of dead letters; each queue dead-letters with its own name as routing key. */
    String deadLetterExchange();

    /** Where malformed, poison and expired tasks wait for an operator. */
    String tasksDeadLetterQueue();

    /** Where malformed and poison results wait for an operator. */
    String resultsDeadLetterQueue();

    /** Deliveries after which a quorum queue dead-letters a message instead of redelivering it. */
    long deliveryLimit();

    /** How long (ms) a dead task is kept in {@link #tasksDeadLetterQueue()}. */
    long tasksDeadLetterTtl();
}
