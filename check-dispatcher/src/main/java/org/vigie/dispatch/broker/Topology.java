package org.vigie.dispatch.broker;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vigie.dispatch.Causes;
import org.vigie.dispatch.DispatchConfig;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Declares the tasks exchange, the tasks queue and their dead-letter exchange and queue before the first publish.
 * An outgoing channel declares no queue, so a task published before any worker ever started would otherwise be
 * dropped as unroutable.
 * <p>
 * The worker's incoming channel declares the same queues (queue.x-queue-type=quorum, queue.x-delivery-limit,
 * auto-bind-dlq=true, dlx.declare=true, dead-letter-exchange, dead-letter-queue-name, dead-letter-ttl,
 * routing-keys). RabbitMQ refuses a redeclaration whose arguments differ in value <em>or type</em>
 * (PRECONDITION_FAILED), so the arguments below copy the connector's exactly: names and strings as
 * {@link String}, the delivery limit and the dead-letter TTL as {@link Long} (the connector reads both as
 * {@code long}), passed as a {@link JsonObject} to the same Vert.x client calls.
 * <p>
 * This is also the broker preflight: it connects with {@code vigie.dispatch.connect-timeout} and no retries, so
 * `once` fails fast with a clear line when the broker is down.
 */
@ApplicationScoped
public class Topology {

    private static final String DIRECT = "direct";

    @Inject
    Vertx vertx;

    @Inject
    BrokerConfig names;

    @Inject
    DispatchConfig config;

    // The connector's global broker settings: one place for the broker address, for the channel and for us.
    @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost")
    String host;

    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;

    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;

    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;

    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

    private volatile boolean declared;

    /** Where the broker is, for messages: {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    /** Whether the topology has been declared since the start or since the last {@link #markStale()}. */
    public boolean isDeclared() {
        return declared;
    }

    /** After a failed publish: declare again before the next one (the broker may have lost its queues). */
    public void markStale() {
        declared = false;
    }

    /**
     * Declares everything, idempotently; blocks for at most about twice {@code connect-timeout}.
     *
     * @throws BrokerException naming the broker and the cause, when it cannot be reached or refuses a declaration
     */
    public void declare() {
        Duration timeout = config.connectTimeout();
        RabbitMQClient client = RabbitMQClient.create(vertx, options(timeout));
        boolean[] connected = { false };
        try {
            client.start()
                    .invoke(() -> connected[0] = true)
                    .chain(() -> client.exchangeDeclare(names.tasksExchange(), DIRECT, true, false, new JsonObject()))
                    .chain(() -> client.queueDeclare(names.tasksQueue(), true, false, false, tasksQueueArguments(names)))
                    .chain(() -> client.queueBind(names.tasksQueue(), names.tasksExchange(), names.tasksRoutingKey(), Map.of()))
                    .chain(() -> client.exchangeDeclare(names.deadLetterExchange(), DIRECT, true, false, new JsonObject()))
                    .chain(() -> client.queueDeclare(names.tasksDeadLetterQueue(), true, false, false, deadLetterQueueArguments(names)))
                    // the connector binds the dead-letter queue with the tasks queue's name, its dead-letter routing key
                    .chain(() -> client.queueBind(names.tasksDeadLetterQueue(), names.deadLetterExchange(), names.tasksQueue()))
                    .await().atMost(timeout.multipliedBy(2));
            declared = true;
        } catch (RuntimeException e) {
            declared = false;
            String cause = e instanceof io.smallrye.mutiny.TimeoutException
                    ? "no answer within " + timeout.multipliedBy(2).toMillis() + " ms"
                    : Causes.describe(e);
            throw new BrokerException((connected[0] ? "the broker at " + address() + " refused the task queues: "
                    : "cannot reach the broker at " + address() + ": ") + cause, e);
        } finally {
            try {
                client.stop().await().atMost(timeout);
            } catch (RuntimeException ignored) {
                // never connected, or already gone: nothing to close
            }
        }
    }

    /** The tasks queue's arguments, as the worker's incoming channel declares them. */
    public static JsonObject tasksQueueArguments(BrokerConfig names) {
        return new JsonObject()
                .put("x-dead-letter-exchange", names.deadLetterExchange())
                .put("x-dead-letter-routing-key", names.tasksQueue())
                .put("x-queue-type", "quorum")
                .put("x-delivery-limit", Long.valueOf(names.deliveryLimit()));
    }

    /** The dead-letter queue's arguments, as the worker's incoming channel declares them. */
    public static JsonObject deadLetterQueueArguments(BrokerConfig names) {
        return new JsonObject().put("x-message-ttl", Long.valueOf(names.tasksDeadLetterTtl()));
    }

    private RabbitMQOptions options(Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        RabbitMQOptions options = new RabbitMQOptions()
                .setHost(host)
                .setPort(port)
                .setUser(username)
                .setPassword(password)
                .setVirtualHost(virtualHost)
                .setConnectionName("vigie-dispatcher (topology)")
                .setConnectionTimeout(millis)
                .setHandshakeTimeout(millis)
                // fail fast: the scheduler tries again next tick, `once` reports and exits
                .setReconnectAttempts(0)
                .setAutomaticRecoveryEnabled(false)
                .setAutomaticRecoveryOnInitialConnection(false);
        return options;
    }
}
