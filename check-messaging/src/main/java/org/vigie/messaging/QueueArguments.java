package org.vigie.messaging;

import io.vertx.core.json.JsonObject;

/**
 * The arguments Vigie's queues are declared with, by {@link Topology} and by the consumers' SmallRye channels
 * ({@code queue.x-queue-type}, {@code queue.x-delivery-limit}, {@code auto-bind-dlq}, {@code dead-letter-exchange},
 * {@code dead-letter-ttl}). RabbitMQ refuses a redeclaration whose arguments differ in value or in type
 * (PRECONDITION_FAILED), so these copy the connector's exactly: strings as {@link String}, the delivery limit and
 * the dead-letter TTL as {@link Long}, the connector reading both as {@code long}.
 */
public final class QueueArguments {

    private QueueArguments() {}

    /** The tasks queue: a quorum queue dead-lettering to the DLX with its own name as routing key. */
    public static JsonObject tasksQueue(BrokerNames names) {
        return quorum(names, names.tasksQueue());
    }

    /** The tasks dead-letter queue: a classic queue where dead tasks expire after a while. */
    public static JsonObject tasksDeadLetterQueue(BrokerNames names) {
        return new JsonObject()
                .put("x-message-ttl", Long.valueOf(names.tasksDeadLetterTtl().toMillis()));
    }

    /** The results queue: a quorum queue dead-lettering to the DLX with its own name as routing key. */
    public static JsonObject resultsQueue(BrokerNames names) {
        return quorum(names, names.resultsQueue());
    }

    /** The results dead-letter queue: no arguments, a malformed result waits for an operator however long. */
    public static JsonObject resultsDeadLetterQueue(BrokerNames names) {
        return new JsonObject();
    }

    /** What the connector puts with auto-bind-dlq=true (the routing key defaults to the queue's name). */
    private static JsonObject quorum(BrokerNames names, String queue) {
        return new JsonObject()
                .put("x-dead-letter-exchange", names.deadLetterExchange())
                .put("x-dead-letter-routing-key", queue)
                .put("x-queue-type", "quorum")
                .put("x-delivery-limit", Long.valueOf(names.deliveryLimit()));
    }
}
