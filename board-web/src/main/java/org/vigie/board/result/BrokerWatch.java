package org.vigie.board.result;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vigie.check.CheckTask;
import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.DeadLetters;
import org.vigie.messaging.Payloads;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;

/**
 * What board-web reads from the broker besides results, every {@code vigie.results.watch-every}: how many results
 * wait in the queue (for {@link ResultIntake}'s stall check), and the tasks' dead letters, recorded as
 * {@link MissedCheck}s so that the admin sees checks that never ran. A dead task is acknowledged only after its
 * record committed; taking one twice records it once.
 */
@ApplicationScoped
public class BrokerWatch {

    private static final Logger LOG = Logger.getLogger(BrokerWatch.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Dead tasks taken per round: a backlog is worked off over a few rounds, in small transactions. */
    private static final int MAX_PER_ROUND = 500;

    private final Vertx vertx;
    private final BrokerConnection connection;
    private final BrokerNames names;
    private final ResultIntake intake;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry registry;
    private RabbitMQClient client;

    BrokerWatch(
            Vertx vertx,
            BrokerConnection connection,
            BrokerNames names,
            ResultIntake intake,
            ObjectMapper json,
            Clock clock,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.connection = connection;
        this.names = names;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${vigie.results.watch-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void watch() {
        try {
            intake.waiting(client().messageCount(names.resultsQueue()).await().atMost(TIMEOUT));
        } catch (RuntimeException e) {
            intake.waiting(-1);
            LOG.debugf("cannot read the results queue's depth: %s", e.getMessage());
            close();
            return;
        }
        try {
            while (takeMissed() == MAX_PER_ROUND) {
                // a backlog: another round at once
            }
        } catch (RuntimeException e) {
            // No tasks dead-letter queue yet (no dispatcher ever ran), or the broker went away: next round.
            LOG.debugf("cannot read the tasks' dead letters: %s", e.getMessage());
            close();
        }
    }

    /** Records up to {@link #MAX_PER_ROUND} dead tasks, then acknowledges them; returns how many it took. */
    int takeMissed() {
        RabbitMQClient c = client();
        List<MissedCheck> taken = new ArrayList<>();
        long lastTag = -1;
        int messages = 0;
        while (messages < MAX_PER_ROUND) {
            RabbitMQMessage message =
                    c.basicGet(names.tasksDeadLetterQueue(), false).await().atMost(TIMEOUT);
            if (message == null) {
                break;
            }
            messages++;
            lastTag = message.envelope().getDeliveryTag();
            taken.addAll(missed(message));
        }
        if (messages == 0) {
            return 0;
        }
        int recorded = QuarkusTransaction.requiringNew().call(() -> record(taken));
        c.basicAck(lastTag, true).await().atMost(TIMEOUT);
        LOG.infof(
                "recorded %d checks that never ran (%d messages taken off %s)",
                recorded, messages, names.tasksDeadLetterQueue());
        return messages;
    }

    private int record(List<MissedCheck> taken) {
        Set<String> known = new HashSet<>(
                MissedCheck.recorded(taken.stream().map(m -> m.taskId).toList()));
        List<MissedCheck> fresh = new ArrayList<>();
        for (MissedCheck m : taken) {
            if (known.add(m.taskId)) {
                fresh.add(m);
                registry.counter("vigie.checks.missed", "kind", m.kind).increment();
            }
        }
        MissedCheck.insertAll(fresh);
        return fresh.size();
    }

    /**
     * A dead message's tasks as missed checks: each task's id and service from the body (one task, or several a
     * dispatcher sent together, which the broker dead-letters together), why from the headers.
     */
    List<MissedCheck> missed(RabbitMQMessage message) {
        Map<String, Object> headers = message.properties().getHeaders() == null
                ? Map.of()
                : message.properties().getHeaders();
        Object kind = headers.get(DeadLetters.KIND_HEADER);
        Object reason = headers.get(DeadLetters.REASON_HEADER);
        String brokerReason = brokerReason(headers);
        List<MissedCheck> missed = new ArrayList<>();
        for (CheckTask task : tasks(message)) {
            MissedCheck m = new MissedCheck();
            m.missedAt = clock.instant();
            if (task != null) {
                m.taskId = task.taskId();
                m.serviceId = task.serviceId();
            } else {
                String id = message.properties().getMessageId();
                m.taskId = id != null && !id.isBlank() && id.length() <= 64 ? id : "unreadable-" + UUID.randomUUID();
            }
            m.kind = kind != null ? kind.toString() : brokerReason;
            m.reason = cut(reason != null ? reason.toString() : "dead-lettered by the broker: " + brokerReason, 300);
            missed.add(m);
        }
        return missed;
    }

    /** The message's tasks; a single null when it cannot be read (it is still recorded, as unreadable). */
    private List<CheckTask> tasks(RabbitMQMessage message) {
        byte[] body = message.body().getBytes();
        try {
            if (Payloads.isArray(body)) {
                List<CheckTask> tasks = Arrays.asList(json.readValue(body, CheckTask[].class));
                if (!tasks.isEmpty() && !tasks.contains(null)) {
                    return tasks;
                }
            } else {
                return List.of(json.readValue(body, CheckTask.class));
            }
        } catch (Exception e) {
            // recorded as unreadable below
        }
        return Collections.singletonList(null);
    }

    /** The broker's reason for the first dead-lettering: expired, rejected, delivery_limit, ... */
    private static String brokerReason(Map<String, Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths
                && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death
                && death.get("reason") != null) {
            return death.get("reason").toString().replace('_', '-');
        }
        Object first = headers.get("x-first-death-reason");
        return first == null ? "rejected" : first.toString().replace('_', '-');
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private RabbitMQClient client() {
        if (client == null || !client.isConnected()) {
            close();
            RabbitMQClient created = RabbitMQClient.create(vertx, connection.options("vigie board-web (watch)"));
            created.start().await().atMost(TIMEOUT);
            client = created;
        }
        return client;
    }

    private synchronized void close() {
        if (client != null) {
            RabbitMQClient closing = client;
            client = null;
            closing.stop().subscribe().with(ok -> {}, failure -> {});
        }
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }
}
