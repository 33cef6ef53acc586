package org.vigie.board.fleet.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vigie.board.fleet.FleetConfig;
import org.vigie.messaging.BrokerConnection;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;

/**
 * How many tasks wait in a pool's queue, read with a passive declare (the broker here has no management API) on a
 * connection of board-web's own, and reused for {@code vigie.fleet.cache-for}. A queue that does not exist is a pool
 * nobody used yet: no task waits. The previous reading is kept, so a growing queue shows.
 */
@ApplicationScoped
public class QueueDepths {

    /**
     * One reading of a queue.
     *
     * @param messages tasks ready; null when unknown (the broker could not be asked) or the queue does not exist
     * @param declared whether the queue exists (true when unknown: it may well)
     * @param growing  more tasks ready than at the reading before
     */
    public record Depth(Long messages, boolean declared, boolean growing, Instant at) {

        static Depth unknown(Instant at) {
            return new Depth(null, true, false, at);
        }
    }

    private static final Logger LOG = Logger.getLogger(QueueDepths.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final BrokerConnection connection;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Depth> readings = new ConcurrentHashMap<>();
    private RabbitMQClient client;

    QueueDepths(Vertx vertx, BrokerConnection connection, Clock clock, FleetConfig config) {
        this.vertx = vertx;
        this.connection = connection;
        this.clock = clock;
        this.cacheFor = config.cacheFor();
    }

    /** The queue's depth, read again when the last reading is older than {@code cache-for}. Blocks (3 s at most). */
    public synchronized Depth of(String queue) {
        Instant now = clock.instant();
        Depth last = readings.get(queue);
        if (last != null && Duration.between(last.at(), now).compareTo(cacheFor) < 0) {
            return last;
        }
        Depth read = read(queue, last, now);
        readings.put(queue, read);
        return read;
    }

    private Depth read(String queue, Depth last, Instant now) {
        try {
            long messages = client().messageCount(queue).await().atMost(TIMEOUT);
            boolean growing = last != null && last.messages() != null && messages > last.messages();
            return new Depth(messages, true, growing, now);
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                return new Depth(null, false, false, now);
            }
            LOG.debugf("cannot read the depth of %s: %s", queue, e.toString());
            close();
            return Depth.unknown(now);
        } finally {
            // a failed passive declare closes the channel: start from a new connection next time
            if (client != null && !client.isOpenChannel()) {
                close();
            }
        }
    }

    /** The broker's 404 for a passive declare of a queue that does not exist. */
    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOT_FOUND")) {
                return true;
            }
        }
        return false;
    }

    private RabbitMQClient client() {
        if (client == null || !client.isConnected()) {
            close();
            RabbitMQClient created = RabbitMQClient.create(vertx, connection.options("vigie board-web (fleet)"));
            created.start().await().atMost(TIMEOUT);
            client = created;
        }
        return client;
    }

    private void close() {
        if (client != null) {
            RabbitMQClient closing = client;
            client = null;
            closing.stop().subscribe().with(ok -> {}, failure -> {});
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        close();
    }
}
