package org.vigie.dispatch.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.vigie.check.CheckTask;
import org.vigie.dispatch.Causes;
import org.vigie.dispatch.DispatchConfig;
import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.BrokerNames;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.TrustEverythingTrustManager;

import io.vertx.core.net.JksOptions;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Publishes check tasks: JSON, persistent, expiring with the task, confirmed by the broker, on a connection of the
 * dispatcher's own.
 * <p>
 * Not through a messaging channel: an emitter buffers a task the broker has not taken yet, and the connector retries
 * and resends it after a reconnect, so a task whose publish timed out (and whose service was put back) could still be
 * sent later, and the service checked twice in one interval. Here nothing is buffered or sent again, and each task
 * ends one of three ways ({@link Outcome}): confirmed; certainly not sent (no connection, the write failed, or the
 * broker refused it with a nack), which puts its service back; or unconfirmed (no confirm in time, or the connection
 * lost after the write), which the broker may hold: its service waits for its next interval rather than risk a
 * second task.
 */
@ApplicationScoped
public class TaskPublisher {

    /** What became of one task. */
    public enum Outcome {
        /** The broker confirmed it. */
        CONFIRMED,
        /** Certainly not with the broker: its service may be put back. */
        NOT_SENT,
        /** Written, but not confirmed: the broker may hold it. */
        UNCONFIRMED
    }

    /** One task's outcome; {@code problem} says why it was not confirmed, or is null. */
    public record Published(CheckTask task, Outcome outcome, String problem) {}

    /** AMQP delivery mode 2: the broker writes the task to disk, so a broker restart does not lose it. */
    static final int PERSISTENT = 2;

    private static final Logger LOG = Logger.getLogger(TaskPublisher.class);
    private static final String CONNECTION_NAME = "vigie-dispatcher (tasks)";
    private static final String REFUSED = "the broker refused the task (nack)";

    @Inject
    BrokerConnection connection;

    @Inject
    BrokerNames names;

    @Inject
    DispatchConfig config;

    @Inject
    ObjectMapper json;

    private Connection amqp;
    private Channel channel;
    /** Confirms awaited on the current channel, by publish sequence number. */
    private ConcurrentNavigableMap<Long, CompletableFuture<Boolean>> pending = new ConcurrentSkipListMap<>();

    private volatile String problem;
    private volatile Instant lastConfirmedAt;

    /** Why the last attempt to publish failed, or null when it went through (or none was made yet). */
    public String problem() {
        return problem;
    }

    /** Whether the connection and its channel are open, as far as the client knows. */
    public synchronized boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    /** When the broker last confirmed a task, or null. */
    public Instant lastConfirmedAt() {
        return lastConfirmedAt;
    }

    /**
     * Opens the connection and its confirming channel unless they are open; one attempt within
     * {@code vigie.dispatch.connect-timeout}: a scheduler calls again next tick, whatever the outage's length.
     *
     * @throws BrokerException naming the broker and the cause
     */
    public synchronized void connect() {
        if (channel != null && channel.isOpen()) {
            return;
        }
        close();
        try {
            // a cluster's nodes (rabbitmq-addresses) in a random order, until one accepts
            amqp = factory().newConnection(connection.addresses(), CONNECTION_NAME);
            Channel opened = amqp.createChannel();
            opened.confirmSelect();
            ConcurrentNavigableMap<Long, CompletableFuture<Boolean>> confirms = new ConcurrentSkipListMap<>();
            opened.addConfirmListener(
                    (tag, multiple) -> settle(confirms, tag, multiple, true),
                    (tag, multiple) -> settle(confirms, tag, multiple, false));
            opened.addShutdownListener(cause -> lost(confirms, cause));
            pending = confirms;
            channel = opened;
        } catch (IOException | TimeoutException | GeneralSecurityException | RuntimeException e) {
            close();
            problem = "cannot reach the broker at " + connection.address() + ": " + Causes.describe(e);
            throw new BrokerException(problem, e);
        }
    }

    /**
     * The most tasks waiting for a worker in any of these pools' queues that has a consumer (its messages times
     * {@code tasks-per-message}). A queue without one is
     * left out: its tasks expire into the dead letters and must not hold back the pools that are served. Asked on a
     * channel of its own (a queue the broker lost closes the channel that asks), and 0 when the broker cannot tell:
     * pacing never stops dispatching on its own account; a broker away fails the publish that follows.
     */
    public synchronized long backlog(Collection<String> pools) {
        if (pools.isEmpty()) {
            return 0;
        }
        try {
            connect();
        } catch (BrokerException e) {
            return 0;
        }
        Connection current = amqp;
        // bounded: a broker slow to answer must not hold the pass longer than a connect; the late answer is dropped
        CompletableFuture<Long> depth = new CompletableFuture<>();
        Thread.ofVirtual().name("vigie-queue-depth").start(() -> {
            try {
                depth.complete(depth(current, pools));
            } catch (IOException | TimeoutException | RuntimeException e) {
                depth.completeExceptionally(e);
            }
        });
        try {
            return depth.get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.debugf("cannot read the task queues' depth: %s", Causes.describe(e.getCause()));
            return 0;
        } catch (TimeoutException e) {
            LOG.debugf("the broker did not tell the task queues' depth within %s", config.connectTimeout());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private long depth(Connection connection, Collection<String> pools) throws IOException, TimeoutException {
        Channel inspect = connection.createChannel();
        try {
            long most = 0;
            for (String pool : pools) {
                AMQP.Queue.DeclareOk queue = inspect.queueDeclarePassive(names.tasksQueue(pool));
                if (queue.getConsumerCount() > 0) {
                    // messages, each of up to tasks-per-message tasks: counted full, so pacing errs on the short side
                    most = Math.max(most, (long) queue.getMessageCount() * Math.max(1, names.tasksPerMessage()));
                }
            }
            return most;
        } finally {
            if (inspect.isOpen()) {
                try {
                    inspect.close();
                } catch (IOException | TimeoutException | RuntimeException ignored) {
                    // closing a channel that is going anyway
                }
            }
        }
    }

    /**
     * Publishes the tasks, up to {@code vigie.rabbitmq.tasks-per-message} of one pool to a message, then waits at
     * most {@code timeout} for their confirms. Never sends a task twice: a task not confirmed by then is forgotten,
     * and a confirm arriving later is ignored. A message's tasks share its outcome.
     */
    public synchronized List<Published> publish(List<CheckTask> tasks, Duration timeout) {
        List<Published> outcomes = new ArrayList<>(tasks.size());
        if (tasks.isEmpty()) {
            return outcomes;
        }
        try {
            connect();
        } catch (BrokerException e) {
            tasks.forEach(task -> outcomes.add(new Published(task, Outcome.NOT_SENT, e.getMessage())));
            return outcomes;
        }
        List<List<CheckTask>> written = new ArrayList<>();
        List<CompletableFuture<Boolean>> confirms = new ArrayList<>();
        String failure = null;
        for (List<CheckTask> message : messages(tasks, names.tasksPerMessage())) {
            if (failure != null) {
                for (CheckTask task : message) {
                    outcomes.add(new Published(task, Outcome.NOT_SENT, failure));
                }
                continue;
            }
            CompletableFuture<Boolean> confirm = new CompletableFuture<>();
            long tag = channel.getNextPublishSeqNo();
            pending.put(tag, confirm);
            try {
                channel.basicPublish(
                        names.tasksExchange(),
                        names.tasksRoutingKey(message.get(0).pool()),
                        false,
                        properties(message),
                        json.writeValueAsBytes(message.size() == 1 ? message.get(0) : message));
                written.add(message);
                confirms.add(confirm);
            } catch (IOException | ShutdownSignalException e) {
                // the write failed, or the channel was already closed: the broker did not get these tasks
                pending.remove(tag);
                failure = "cannot publish to the broker at " + connection.address() + ": " + Causes.describe(e);
                for (CheckTask task : message) {
                    outcomes.add(new Published(task, Outcome.NOT_SENT, failure));
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < written.size(); i++) {
            for (CheckTask task : written.get(i)) {
                outcomes.add(awaitConfirm(task, confirms.get(i), deadline, timeout));
            }
        }
        // what was not confirmed in time is forgotten: a late confirm finds nothing to complete
        pending.clear();
        report(outcomes);
        if (outcomes.stream().anyMatch(p -> REFUSED.equals(p.problem()))) {
            // The next publish opens a new channel. RabbitMQ 3.10 refuses every publish of a channel whose first one
            // to a quorum queue came while the queue's former leader was down and its new leader not yet recorded,
            // for as long as that node stays down; a new channel is refused only during that moment.
            close();
        }
        return outcomes;
    }

    /**
     * The tasks as messages: each pool's, soonest to expire first, {@code perMessage} at most to a message, so that
     * a message's expiration (its earliest task's) is close to each of its tasks' own.
     */
    static List<List<CheckTask>> messages(List<CheckTask> tasks, int perMessage) {
        int most = Math.max(1, perMessage);
        Map<String, List<CheckTask>> byPool = new LinkedHashMap<>();
        for (CheckTask task : tasks) {
            byPool.computeIfAbsent(task.pool(), pool -> new ArrayList<>()).add(task);
        }
        List<List<CheckTask>> messages = new ArrayList<>();
        for (List<CheckTask> pool : byPool.values()) {
            pool.sort(Comparator.comparing(CheckTask::expiresAt));
            for (int from = 0; from < pool.size(); from += most) {
                messages.add(pool.subList(from, Math.min(pool.size(), from + most)));
            }
        }
        return messages;
    }

    private Published awaitConfirm(
            CheckTask task, CompletableFuture<Boolean> confirm, long deadline, Duration timeout) {
        try {
            boolean acked = confirm.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return acked
                    ? new Published(task, Outcome.CONFIRMED, null)
                    : new Published(task, Outcome.NOT_SENT, REFUSED);
        } catch (TimeoutException e) {
            return new Published(task, Outcome.UNCONFIRMED, "not confirmed within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Published(
                    task,
                    Outcome.UNCONFIRMED,
                    "the connection closed before the broker confirmed: " + Causes.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Published(task, Outcome.UNCONFIRMED, "interrupted while waiting for the broker's confirm");
        }
    }

    private void report(List<Published> outcomes) {
        String first = outcomes.stream()
                .map(Published::problem)
                .filter(p -> p != null)
                .findFirst()
                .orElse(null);
        if (outcomes.stream().anyMatch(p -> p.outcome() == Outcome.CONFIRMED)) {
            lastConfirmedAt = Instant.now();
        }
        problem = first;
    }

    /** Persistent; one task's id as the message id; expiring with the earliest task (the broker dead-letters it). */
    private AMQP.BasicProperties properties(List<CheckTask> message) {
        CheckTask first = message.get(0);
        long ttl = message.stream()
                .mapToLong(task ->
                        Duration.between(task.issuedAt(), task.expiresAt()).toMillis())
                .min()
                .orElseThrow();
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(PERSISTENT)
                .messageId(message.size() == 1 ? first.taskId() : null)
                .timestamp(Date.from(first.issuedAt()))
                // tasks nobody ran before they expire are dead-lettered by the broker (or by the worker receiving them)
                .expiration(Long.toString(Math.max(0, ttl)))
                .build();
    }

    private static void settle(
            ConcurrentNavigableMap<Long, CompletableFuture<Boolean>> confirms,
            long tag,
            boolean multiple,
            boolean ack) {
        if (multiple) {
            ConcurrentNavigableMap<Long, CompletableFuture<Boolean>> upTo = confirms.headMap(tag, true);
            upTo.values().forEach(confirm -> confirm.complete(ack));
            upTo.clear();
        } else {
            CompletableFuture<Boolean> confirm = confirms.remove(tag);
            if (confirm != null) {
                confirm.complete(ack);
            }
        }
    }

    private static void lost(
            ConcurrentNavigableMap<Long, CompletableFuture<Boolean>> confirms, ShutdownSignalException cause) {
        confirms.values().forEach(confirm -> confirm.completeExceptionally(cause));
        confirms.clear();
        if (!cause.isInitiatedByApplication()) {
            LOG.debugf("the tasks connection closed: %s", Causes.describe(cause));
        }
    }

    /** The connection BrokerConnection describes (TLS included), without automatic recovery: we reconnect. */
    private ConnectionFactory factory() throws IOException, GeneralSecurityException {
        RabbitMQOptions options = connection.options(CONNECTION_NAME);
        int millis = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(connection.username());
        factory.setPassword(connection.password());
        factory.setVirtualHost(connection.virtualHost());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(millis);
        factory.setHandshakeTimeout(millis);
        if (options.isSsl()) {
            factory.useSslProtocol(sslContext(options));
        }
        return factory;
    }

    private static SSLContext sslContext(RabbitMQOptions options) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        if (options.isTrustAll()) {
            context.init(null, new TrustManager[] {new TrustEverythingTrustManager()}, null);
            return context;
        }
        if (!(options.getTrustOptions() instanceof JksOptions store) || store.getPath() == null) {
            return SSLContext.getDefault();
        }
        KeyStore keys = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(Path.of(store.getPath()))) {
            keys.load(
                    in, store.getPassword() == null ? null : store.getPassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @PreDestroy
    synchronized void close() {
        Connection open = amqp;
        amqp = null;
        channel = null;
        if (open != null) {
            try {
                open.close((int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
            } catch (IOException | RuntimeException ignored) {
                // already gone: nothing to close
            }
        }
    }
}
