package org.vigie.worker.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Declares where results go: the results exchange, the results queue and its dead-letter queue.
 * <p>
 * An outgoing channel declares its exchange but no queue, and a result published to an exchange with no queue
 * bound is dropped as unroutable. board-web declares the results queue when it starts consuming; a worker started
 * before board-web ever ran would lose its results. So the worker declares the queue too, with exactly the
 * arguments board-web's incoming channel declares it with (the broker refuses a second declaration with other
 * arguments). {@link #ready()} gates every publish.
 */
@ApplicationScoped
public class Topology {

    private static final Logger LOG = Logger.getLogger(Topology.class);

    private final Vertx vertx;
    private final RabbitNames names;
    private final RabbitMQOptions options;
    private final AtomicReference<CompletableFuture<Void>> declared = new AtomicReference<>();

    Topology(Vertx vertx, RabbitNames names,
            @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
            @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
            @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
            @ConfigProperty(name = "rabbitmq-ssl", defaultValue = "false") boolean ssl) {
        this.vertx = vertx;
        this.names = names;
        this.options = new RabbitMQOptions()
                .setHost(host).setPort(port).setUser(username).setPassword(password).setVirtualHost(virtualHost)
                .setSsl(ssl)
                .setConnectionName("vigie check-worker topology")
                // one attempt per declaration: a failed one is retried by the next ready(), on the next task
                .setReconnectAttempts(0)
                .setAutomaticRecoveryEnabled(false);
    }

    void declareAtStartup(@Observes StartupEvent event) {
        // Not blocking startup: the worker starts (and reports not ready) while the broker is down.
        ready().subscribe().with(ok -> {
        }, failure -> LOG.warnf("Could not declare the results queue yet (retried before the first result): %s",
                failure.getMessage()));
    }

    /** Completes once the topology is declared; a failed declaration is attempted again by the next call. */
    public Uni<Void> ready() {
        CompletableFuture<Void> current = declared.get();
        if (current == null || current.isCompletedExceptionally()) {
            CompletableFuture<Void> attempt = new CompletableFuture<>();
            if (declared.compareAndSet(current, attempt)) {
                declare().subscribe().with(attempt::complete, attempt::completeExceptionally);
            }
            current = declared.get();
        }
        return Uni.createFrom().completionStage(current);
    }

    /** The arguments of the results queue: those board-web's connector channel puts, with the same Java types. */
    JsonObject resultsQueueArguments() {
        // auto-bind-dlq=true: x-dead-letter-exchange and x-dead-letter-routing-key (the queue's name), as Strings;
        // queue.x-queue-type as a String; queue.x-delivery-limit as a Long.
        return new JsonObject()
                .put("x-dead-letter-exchange", names.deadLetterExchange())
                .put("x-dead-letter-routing-key", names.resultsQueue())
                .put("x-queue-type", "quorum")
                .put("x-delivery-limit", Long.valueOf(names.deliveryLimit()));
    }

    /** One declaration of the whole results topology, on a connection of its own. */
    Uni<Void> declare() {
        RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions(options));
        return client.start()
                .chain(() -> client.exchangeDeclare(names.resultsExchange(), "direct", true, false, new JsonObject()))
                .chain(() -> client.exchangeDeclare(names.deadLetterExchange(), "direct", true, false, new JsonObject()))
                .chain(() -> client.queueDeclare(names.resultsQueue(), true, false, false, resultsQueueArguments()))
                .chain(() -> client.queueBind(names.resultsQueue(), names.resultsExchange(), names.resultsRoutingKey()))
                // the DLQ takes no arguments: a malformed result waits for an operator, however long
                .chain(() -> client.queueDeclare(names.resultsDeadLetterQueue(), true, false, false, new JsonObject()))
                .chain(() -> client.queueBind(names.resultsDeadLetterQueue(), names.deadLetterExchange(), names.resultsQueue()))
                .invoke(() -> LOG.infof("Declared %s -> %s (dead letters: %s)", names.resultsExchange(),
                        names.resultsQueue(), names.resultsDeadLetterQueue()))
                .eventually(() -> client.stop().onFailure().recoverWithNull())
                .ifNoItem().after(Duration.ofSeconds(30)).fail()
                .replaceWithVoid();
    }
}
