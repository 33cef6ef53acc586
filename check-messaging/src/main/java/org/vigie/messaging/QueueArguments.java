package org.vigie.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.vigie.check.Pools;

import io.smallrye.common.annotation.Identifier;
import io.vertx.core.json.JsonObject;

/**
 * The arguments Vigie's queues are declared with, by {@link Topology} and by the consumers' SmallRye channels
 * ({@code queue.x-queue-type}, {@code queue.x-delivery-limit}, {@code auto-bind-dlq}, {@code dead-letter-exchange},
 * {@code dead-letter-ttl}). RabbitMQ refuses a redeclaration whose arguments differ in value or in type
 * (PRECONDITION_FAILED), so these copy the connector's exactly: strings as {@link String}, the delivery limit and
 * the dead-letter TTL as {@link Long}, the connector reading both as {@code long}. The connector has no key for the
 * dead-letter strategy: it takes extra arguments from a bean ({@link #channelExtras()}).
 */
@ApplicationScoped
public class QueueArguments {

    /** The bean name the connector's {@code queue.arguments} setting points every channel at. */
    public static final String CHANNEL_EXTRAS = "vigie-queue-arguments";

    /**
     * Dead-lettering that cannot drop a message. Quorum queues dead-letter at most once by default: a task that expires
     * while its dead-letter queue is unavailable (right after a broker restart, before the classic DLQ is back) is
     * dropped without a trace. At least once keeps it in the source queue until the DLQ confirms; RabbitMQ requires
     * {@code x-overflow=reject-publish} for it (no length limit is set, so nothing is ever rejected for length).
     */
    private static final Map<String, Object> SAFE_DEAD_LETTERING =
            Map.of("x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish");

    /** The same extras for the consumers' channels: the connector adds this map to every queue it declares. */
    @Produces
    @Identifier(CHANNEL_EXTRAS) Map<String, Object> channelExtras() {
        return SAFE_DEAD_LETTERING;
    }

    /** The task queue of the default pool: a quorum queue dead-lettering to the DLX with its own name as routing key. */
    public static JsonObject tasksQueue(BrokerNames names) {
        return tasksQueue(names, Pools.DEFAULT);
    }

    /** The task queue of {@code pool}, with the same arguments as every other pool's. */
    public static JsonObject tasksQueue(BrokerNames names, String pool) {
        return quorum(names, names.tasksQueue(pool));
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
        return new JsonObject(new HashMap<>(SAFE_DEAD_LETTERING))
                .put("x-dead-letter-exchange", names.deadLetterExchange())
                .put("x-dead-letter-routing-key", queue)
                .put("x-queue-type", "quorum")
                .put("x-delivery-limit", Long.valueOf(names.deliveryLimit()));
    }
}
