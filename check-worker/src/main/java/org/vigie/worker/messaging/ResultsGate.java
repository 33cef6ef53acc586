package org.vigie.worker.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Topology;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;

/**
 * Holds every result back until the results side of the shared {@link Topology} is declared.
 * <p>
 * An outgoing channel declares its exchange but no queue, and a result published to an exchange with no queue bound
 * is dropped as unroutable. board-web declares the results queue when it starts consuming; a worker started before
 * board-web ever ran would lose its results. So the worker declares the queue too, lazily: {@link #ready()} gates
 * every publish, and a failed declaration is attempted again by the next call.
 */
@ApplicationScoped
public class ResultsGate {

    private static final Logger LOG = Logger.getLogger(ResultsGate.class);

    private final Vertx vertx;
    private final Topology topology;
    private final BrokerConnection connection;
    private final BrokerNames names;
    private final AtomicReference<CompletableFuture<Void>> declared = new AtomicReference<>();

    ResultsGate(Vertx vertx, Topology topology, BrokerConnection connection, BrokerNames names) {
        this.vertx = vertx;
        this.topology = topology;
        this.connection = connection;
        this.names = names;
    }

    void declareAtStartup(@Observes StartupEvent event) {
        // Not blocking startup: the worker starts (and reports not ready) while the broker is down.
        ready().subscribe()
                .with(
                        ok -> {},
                        failure -> LOG.warnf(
                                "Could not declare the results queue yet (retried before the first result): %s",
                                failure.getMessage()));
    }

    /** Completes once the results topology is declared; a failed declaration is attempted again by the next call. */
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

    /** One declaration of the results topology, on a connection of its own (one attempt, see BrokerConnection). */
    Uni<Void> declare() {
        RabbitMQClient client = RabbitMQClient.create(vertx, connection.options("vigie check-worker topology"));
        return client.start()
                .chain(() -> topology.declareResults(client))
                .invoke(() -> LOG.infof(
                        "Declared %s -> %s (dead letters: %s)",
                        names.resultsExchange(), names.resultsQueue(), names.resultsDeadLetterQueue()))
                .eventually(() -> client.stop().onFailure().recoverWithNull())
                .ifNoItem()
                .after(Duration.ofSeconds(30))
                .fail()
                .replaceWithVoid();
    }
}
