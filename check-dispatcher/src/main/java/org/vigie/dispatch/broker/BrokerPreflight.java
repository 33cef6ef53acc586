package org.vigie.dispatch.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.vigie.check.Pools;
import org.vigie.dispatch.Causes;
import org.vigie.dispatch.DispatchConfig;
import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.Topology;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Declares the tasks side of the shared {@link Topology} before the first publish: an outgoing channel declares no
 * queue, so a task published before any worker ever started would otherwise be dropped as unroutable.
 * <p>
 * This is also the broker preflight: it connects with {@code vigie.dispatch.connect-timeout} and no retries, so
 * `once` fails fast with a clear line when the broker is down.
 */
@ApplicationScoped
public class BrokerPreflight {

    @Inject
    Vertx vertx;

    @Inject
    Topology topology;

    @Inject
    BrokerConnection connection;

    @Inject
    DispatchConfig config;

    private volatile boolean declared;

    /** Why the last declaration failed; null once one went through. */
    private volatile String problem;

    /** Pools whose task queue has been declared since the last {@link #markStale()}. */
    private final Set<String> declaredPools = ConcurrentHashMap.newKeySet();

    /** Where the broker is, for messages: {@code host:port}. */
    public String address() {
        return connection.address();
    }

    /** Why the last declaration failed, or null. */
    public String problem() {
        return problem;
    }

    /** The pools whose task queue is declared: those a pass may have queued tasks in. */
    public Set<String> declaredPools() {
        return Set.copyOf(declaredPools);
    }

    /** Whether the topology has been declared since the start or since the last {@link #markStale()}. */
    public boolean isDeclared() {
        return declared;
    }

    /** After a failed publish: declare again before the next one (the broker may have lost its queues). */
    public void markStale() {
        declared = false;
        declaredPools.clear();
    }

    /**
     * Declares the task queues of those {@code pools} not declared yet, before their first task is published: a task
     * routed to a pool whose queue does not exist would be dropped as unroutable. A pool nobody serves gets its queue
     * all the same; its tasks expire there into the dead letters, counted, and the fleet page says no worker serves it.
     *
     * @throws BrokerException as {@link #declare()}
     */
    public void declarePools(Collection<String> pools) {
        List<String> missing = pools.stream()
                .filter(pool -> !declaredPools.contains(pool))
                .distinct()
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        withClient(client -> Multi.createFrom()
                .iterable(missing)
                .onItem()
                .transformToUniAndConcatenate(pool -> topology.declareTasks(client, pool))
                .collect()
                .last()
                .replaceWithVoid());
        declaredPools.addAll(missing);
    }

    /**
     * Declares the tasks topology, idempotently; blocks for at most about twice {@code connect-timeout}.
     *
     * @throws BrokerException naming the broker and the cause, when it cannot be reached or refuses a declaration
     */
    public void declare() {
        withClient(topology::declareTasks);
        declaredPools.add(Pools.DEFAULT);
    }

    private void withClient(Function<RabbitMQClient, Uni<Void>> declaration) {
        Duration timeout = config.connectTimeout();
        RabbitMQClient client = RabbitMQClient.create(vertx, options(timeout));
        boolean[] connected = {false};
        try {
            client.start()
                    .invoke(() -> connected[0] = true)
                    .chain(() -> declaration.apply(client))
                    .await()
                    .atMost(timeout.multipliedBy(2));
            declared = true;
            problem = null;
        } catch (RuntimeException e) {
            declared = false;
            String cause = e instanceof TimeoutException
                    ? "no answer within " + timeout.multipliedBy(2).toMillis() + " ms"
                    : Causes.describe(e);
            problem = (connected[0]
                            ? "the broker at " + address() + " refused the task queues: "
                            : "cannot reach the broker at " + address() + ": ")
                    + cause;
            throw new BrokerException(problem, e);
        } finally {
            try {
                client.stop().await().atMost(timeout);
            } catch (RuntimeException ignored) {
                // never connected, or already gone: nothing to close
            }
        }
    }

    private RabbitMQOptions options(Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        // fail fast (one attempt, see BrokerConnection): the scheduler tries again next tick, `once` reports and exits
        return connection
                .options("vigie-dispatcher (topology)")
                .setConnectionTimeout(millis)
                .setHandshakeTimeout(millis);
    }
}
