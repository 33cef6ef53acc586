package org.vigie.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Pools;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;

/**
 * Declares Vigie's exchanges, queues and bindings, idempotently, on a client the caller has started.
 * <p>
 * An outgoing channel declares its exchange but no queue, and a message published to an exchange with no queue
 * bound is dropped as unroutable. So the publisher of a stream declares the queue its consumer's channel declares,
 * before its first publish, with the same arguments ({@link QueueArguments}): the dispatcher the tasks side (the
 * workers' channel declares it too), a worker the results side (board-web's channel declares it too).
 */
@ApplicationScoped
public class Topology {

    private static final String DIRECT = "direct";
    private static final String FANOUT = "fanout";

    private final BrokerNames names;

    public Topology(BrokerNames names) {
        this.names = names;
    }

    /** The tasks exchange, the default pool's queue, the dead-letter exchange and the tasks dead-letter queue. */
    public Uni<Void> declareTasks(RabbitMQClient client) {
        return declareTasks(client, Pools.DEFAULT);
    }

    /**
     * The tasks exchange, {@code pool}'s task queue, the dead-letter exchange and the tasks dead-letter queue. Every
     * pool's queue dead-letters to the one tasks DLQ, bound with that queue's name. The DLQ is also bound with the
     * default pool's queue name, which a worker's own dead letters (unreadable or expired tasks) are published with,
     * whichever pools it serves.
     */
    public Uni<Void> declareTasks(RabbitMQClient client, String pool) {
        return declare(
                        client,
                        names.tasksExchange(),
                        names.tasksQueue(pool),
                        names.tasksRoutingKey(pool),
                        QueueArguments.tasksQueue(names, pool),
                        names.tasksDeadLetterQueue(),
                        QueueArguments.tasksDeadLetterQueue(names))
                .chain(() ->
                        client.queueBind(names.tasksDeadLetterQueue(), names.deadLetterExchange(), names.tasksQueue()))
                .replaceWithVoid();
    }

    /** The results exchange and queue, the dead-letter exchange and the results dead-letter queue. */
    public Uni<Void> declareResults(RabbitMQClient client) {
        return declare(
                client,
                names.resultsExchange(),
                names.resultsQueue(),
                names.resultsRoutingKey(),
                QueueArguments.resultsQueue(names),
                names.resultsDeadLetterQueue(),
                QueueArguments.resultsDeadLetterQueue(names));
    }

    /**
     * The workers' heartbeat exchange: durable fanout. It holds no queue of its own; each board-web binds a queue of
     * its own, and a heartbeat published while none is bound is dropped, which costs nothing (the next one follows).
     */
    public Uni<Void> declareWorkers(RabbitMQClient client) {
        return client.exchangeDeclare(names.workersExchange(), FANOUT, true, false, new JsonObject());
    }

    /** What the connector's incoming channel declares: durable direct exchanges, durable queues, their bindings. */
    private Uni<Void> declare(
            RabbitMQClient client,
            String exchange,
            String queue,
            String routingKey,
            JsonObject queueArguments,
            String deadLetterQueue,
            JsonObject deadLetterArguments) {
        return client.exchangeDeclare(exchange, DIRECT, true, false, new JsonObject())
                .chain(() -> client.exchangeDeclare(names.deadLetterExchange(), DIRECT, true, false, new JsonObject()))
                .chain(() -> client.queueDeclare(queue, true, false, false, queueArguments))
                .chain(() -> client.queueBind(queue, exchange, routingKey))
                .chain(() -> client.queueDeclare(deadLetterQueue, true, false, false, deadLetterArguments))
                // dead letters keep the routing key the queue gives them: the queue's name (see QueueArguments)
                .chain(() -> client.queueBind(deadLetterQueue, names.deadLetterExchange(), queue))
                .replaceWithVoid();
    }
}
