package org.vigie.worker.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.vigie.check.Pools;
import org.vigie.check.WorkerHeartbeat;
import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Topology;
import org.vigie.worker.config.WorkerConfig;
import org.vigie.worker.config.WorkerId;
import org.vigie.worker.task.Workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;

/**
 * Publishes this worker's heartbeat ({@link WorkerHeartbeat}) every {@code vigie.worker.heartbeat.interval} to the
 * workers exchange, for the board's fleet page.
 * <p>
 * A heartbeat must never hold up the checks: it goes out on a connection of its own (not the task or result channels),
 * from a timer, without publisher confirms; a heartbeat still being sent when the next is due makes that one skipped,
 * and while the broker is away heartbeats are skipped, the connection being tried again every six intervals. They are
 * not persistent and expire in the broker after three intervals: a board that was away reads none that is stale.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);
    private static final String JSON = "application/json";
    private static final int TRANSIENT = 1;
    /** Heartbeat intervals skipped without trying the broker after a failure: an outage logs little. */
    private static final int INTERVALS_AFTER_FAILURE = 6;

    private final Vertx vertx;
    private final BrokerConnection connection;
    private final BrokerNames names;
    private final Topology topology;
    private final Workload workload;
    private final ObjectMapper mapper;
    private final Duration interval;
    private final String workerId;
    private final String host;
    private final List<String> pools;
    private final int capacity;
    private final String version;
    private final Instant startedAt = Instant.now();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    private volatile RabbitMQClient client;
    private volatile long quietUntilNanos = System.nanoTime();
    private volatile long timer = -1;

    Heartbeats(
            Vertx vertx,
            BrokerConnection connection,
            BrokerNames names,
            Topology topology,
            Workload workload,
            ObjectMapper mapper,
            WorkerConfig config,
            WorkerId workerId,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "") String version) {
        this.vertx = vertx;
        this.connection = connection;
        this.names = names;
        this.topology = topology;
        this.workload = workload;
        this.mapper = mapper;
        this.interval = config.heartbeat().interval();
        this.workerId = workerId.value();
        this.host = workerId.host();
        this.pools = Pools.parseList(String.join(",", config.pools()));
        this.capacity = config.maxInFlight();
        this.version = version;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(0, Math.max(100, interval.toMillis()), id -> beat());
    }

    /** Sends a heartbeat now, unless one is still on its way. Never fails, never blocks. */
    public void beat() {
        if (client == null && System.nanoTime() - quietUntilNanos < 0) {
            return; // the broker failed lately: skipped without trying
        }
        if (!sending.compareAndSet(false, true)) {
            return;
        }
        WorkerHeartbeat heartbeat;
        try {
            heartbeat = current();
        } catch (RuntimeException e) {
            sending.set(false);
            LOG.warnf("Could not make a heartbeat: %s", e.toString());
            return;
        }
        send(heartbeat)
                .ifNoItem()
                .after(interval.multipliedBy(3))
                .fail()
                .subscribe()
                .with(
                        ok -> {
                            sending.set(false);
                            if (failing.compareAndSet(true, false)) {
                                LOG.info("Heartbeats are published again");
                            }
                        },
                        failure -> {
                            quietUntilNanos = System.nanoTime()
                                    + interval.multipliedBy(INTERVALS_AFTER_FAILURE)
                                            .toNanos();
                            sending.set(false);
                            if (failing.compareAndSet(false, true)) {
                                LOG.warnf(
                                        "Heartbeats are skipped while the broker cannot take them: %s",
                                        failure.getMessage());
                            }
                            close();
                        });
    }

    /** This worker as it is now; the interval's figures start again from nothing. */
    WorkerHeartbeat current() {
        Workload.Interval last = workload.takeInterval();
        return new WorkerHeartbeat(
                workerId,
                host,
                pools,
                version,
                startedAt,
                Instant.now(),
                workload.inFlight(),
                capacity,
                workload.checksDone(),
                workload.checksFailed(),
                last.meanProbeMillis(),
                last.oldestWaitMillis(),
                workload.isDraining());
    }

    private Uni<Void> send(WorkerHeartbeat heartbeat) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(heartbeat);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(JSON)
                .deliveryMode(TRANSIENT)
                .expiration(String.valueOf(interval.multipliedBy(3).toMillis()))
                .timestamp(Date.from(heartbeat.sentAt()))
                .messageId(heartbeat.workerId() + "@" + ZonedDateTime.ofInstant(heartbeat.sentAt(), ZoneOffset.UTC))
                .build();
        return client().chain(c -> c.basicPublish(names.workersExchange(), "", properties, Buffer.buffer(body)));
    }

    /** The heartbeat connection, started and the exchange declared on first use after each loss. */
    private Uni<RabbitMQClient> client() {
        RabbitMQClient current = client;
        if (current != null && current.isConnected()) {
            return Uni.createFrom().item(current);
        }
        close();
        // a broker that does not answer fails the attempt within two intervals, not the client's default minute
        RabbitMQClient created = RabbitMQClient.create(
                vertx, connection.options("vigie check-worker heartbeats").setConnectionTimeout((int)
                        Math.min(Integer.MAX_VALUE, interval.multipliedBy(2).toMillis())));
        return created.start()
                .chain(() -> topology.declareWorkers(created))
                .invoke(() -> client = created)
                .onFailure()
                .call(() -> created.stop().onFailure().recoverWithNull())
                .replaceWith(created);
    }

    private void close() {
        RabbitMQClient closing = client;
        client = null;
        if (closing != null) {
            closing.stop().subscribe().with(ok -> {}, failure -> {});
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        close();
    }
}
