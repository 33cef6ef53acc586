package org.vigie.dispatch.broker;

import io.smallrye.config.ConfigMapping;

/**
 * The broker names the dispatcher shares with check-worker ({@code vigie.rabbitmq.*}). The outgoing channel reads
 * the same properties through {@code ${...}}, so one setting drives both the channel and the topology the
 * dispatcher declares. The defaults live in application.properties, next to the channel that uses them.
 */
@ConfigMapping(prefix = "vigie.rabbitmq")
public interface BrokerConfig {

    /** Direct exchange the tasks are published to. */
    String tasksExchange();

    /** Quorum queue every worker consumes. */
    String tasksQueue();

    /** Routing key that binds the tasks queue to the tasks exchange. */
    String tasksRoutingKey();

    /** Where rejected, poison and expired tasks go. */
    String deadLetterExchange();

    /** Classic queue that keeps the dead tasks for an operator. */
    String tasksDeadLetterQueue();

    /** Deliveries after which a task that keeps failing is dead-lettered ({@code x-delivery-limit}). */
    long deliveryLimit();

    /** How long a dead task waits in the dead-letter queue, in milliseconds ({@code x-message-ttl}). */
    long tasksDeadLetterTtl();
}
