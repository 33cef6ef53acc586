package org.vigie.worker.task;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;
import org.vigie.check.CheckResult;
import org.vigie.check.CheckTask;
import org.vigie.check.InvalidTargetException;
import org.vigie.check.Outcome;
import org.vigie.check.Pools;
import org.vigie.check.Target;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Channels;
import org.vigie.messaging.DeadLetters;
import org.vigie.worker.config.WorkerConfig;
import org.vigie.worker.config.WorkerId;
import org.vigie.worker.messaging.BatchedTask;
import org.vigie.worker.messaging.ResultsGate;
import org.vigie.worker.messaging.TaskIntake;
import org.vigie.worker.probe.Probes;
import org.vigie.worker.probe.Reasons;
import org.vigie.worker.probe.Verdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * Task in, probe, result out. A task is acknowledged only once the broker has confirmed its result, so a worker
 * that dies mid-check loses nothing: the broker hands the task to another worker. Every task ends somewhere an
 * operator can see: a result, or the tasks' dead-letter queue with the reason.
 * <ul>
 * <li>a task that cannot be read, or that expired before it arrived, is dead-lettered with its kind and reason
 * ({@link TaskDeadLetters}) and acknowledged once the broker confirmed the dead letter;</li>
 * <li>a task whose connection string does not parse gets a DOWN result saying why;</li>
 * <li>a result the broker does not confirm sends its task back to the queue, to be checked again;</li>
 * <li>a task received over a connection since replaced is left alone: the broker has requeued it
 * ({@link TaskIntake}).</li>
 * </ul>
 */
@ApplicationScoped
public class TaskProcessor {

    private static final Logger LOG = Logger.getLogger(TaskProcessor.class);

    /** Back to the queue rather than to the dead letters: the task was fine, publishing its result was not. */
    private static final Metadata REQUEUE = Metadata.of(new RabbitMQRejectMetadata(true));

    private static final String JSON = "application/json";
    private static final int PERSISTENT = 2;

    /** Back-off of a dead letter the broker did not take, retried while its task is still this worker's. */
    private static final Duration RETRY_MIN = Duration.ofMillis(500);

    private static final Duration RETRY_MAX = Duration.ofSeconds(15);

    private final TaskReader reader;
    private final Probes probes;
    private final ResultsGate results;
    private final TaskDeadLetters deadLetters;
    private final TaskIntake intake;
    private final ClockOffset clockOffset;
    private final CheckMetrics metrics;
    private final Workload workload;
    private final ObjectMapper mapper;
    private final WorkerConfig config;
    private final BrokerNames names;
    private final String workerId;

    TaskProcessor(
            TaskReader reader,
            Probes probes,
            ResultsGate results,
            TaskDeadLetters deadLetters,
            TaskIntake intake,
            ClockOffset clockOffset,
            CheckMetrics metrics,
            Workload workload,
            ObjectMapper mapper,
            WorkerConfig config,
            BrokerNames names,
            WorkerId workerId) {
        this.reader = reader;
        this.probes = probes;
        this.results = results;
        this.deadLetters = deadLetters;
        this.intake = intake;
        this.clockOffset = clockOffset;
        this.metrics = metrics;
        this.workload = workload;
        this.mapper = mapper;
        this.config = config;
        this.names = names;
        this.workerId = workerId.value();
    }

    /**
     * Every pool's task channel feeds this one stream ({@link org.vigie.worker.config.PoolChannels}); the slots of
     * pools this worker does not serve are disabled.
     * <p>
     * A stream transformer, because a method returning a Uni per message would be called for one message at a time:
     * {@code merge} runs up to {@code vigie.worker.max-in-flight} checks at once (the broker prefetch is the same
     * number). Results leave in the order checks finish.
     * <p>
     * After a reconnect the connector's consumer no longer follows demand (smallrye-reactive-messaging #2424): the
     * new consumer's prefetch arrives while the old one's tasks are still here. They wait in a buffer at the source
     * rather than fail the stream with a BackPressureFailure. The buffer needs no bound of its own: the broker sends
     * each consumer at most a prefetch, the tasks of replaced consumers are skipped without a check, and {@code merge}
     * still bounds the checks at once. Should the stream end anyway, {@link TaskIntake} fails liveness with why.
     */
    @Incoming(Channels.CHECK_TASKS)
    @Incoming(Channels.CHECK_TASKS_2)
    @Incoming(Channels.CHECK_TASKS_3)
    @Incoming(Channels.CHECK_TASKS_4)
    @Incoming(Channels.CHECK_TASKS_5)
    @Incoming(Channels.CHECK_TASKS_6)
    @Incoming(Channels.CHECK_TASKS_7)
    @Incoming(Channels.CHECK_TASKS_8)
    @Outgoing(Channels.CHECK_RESULTS)
    public Multi<Message<String>> process(Multi<Message<Object>> tasks) {
        return untilDraining(tasks)
                .onItem()
                .invoke(intake::received)
                .onOverflow()
                .bufferUnconditionally()
                .onItem()
                .transformToIterable(this::tasksOf)
                .onItem()
                .transformToUni(this::handle)
                .merge(config.maxInFlight())
                .plug(this::sharingMessages)
                .onFailure()
                .invoke(failure -> {
                    LOG.errorf(failure, "The task stream failed; this worker no longer checks tasks");
                    intake.ended(failure.toString());
                })
                .onCompletion()
                .invoke(() -> {
                    if (workload.isDraining()) {
                        LOG.info("Drained: every task taken is checked; the task stream ends");
                    } else {
                        LOG.error("The task stream completed; this worker no longer checks tasks");
                    }
                    intake.ended("completed");
                })
                .onCancellation()
                .invoke(() -> intake.ended("cancelled by the results channel"))
                .onTermination()
                .invoke(workload::streamEnded);
    }

    /**
     * Results finished within {@code vigie.worker.results-linger} of each other leave together, up to
     * {@code vigie.worker.results-per-message} in one message ({@link ResultMessages}). The timer closes a group
     * whether or not the channel has asked for more: groups wait in a buffer, bounded since at most
     * {@code max-in-flight} results are unconfirmed at once.
     */
    private Multi<Message<String>> sharingMessages(Multi<Message<String>> results) {
        if (config.resultsPerMessage() <= 1) {
            return results;
        }
        return results.group()
                .intoLists()
                .of(config.resultsPerMessage(), config.resultsLinger())
                .onOverflow()
                .buffer(config.maxInFlight() + 1)
                .map(ResultMessages::combine);
    }

    /**
     * The tasks of every channel until the worker drains ({@link Workload#stopTaking()}): then the channels' streams
     * are cancelled, which cancels their broker consumers (no task is delivered to this worker any more), and the
     * stream completes, so that {@code merge} finishes the checks in flight and their results still go out. Tasks the
     * broker delivered meanwhile and that never entered the stream stay unacknowledged; the broker requeues them when
     * the worker's connections close.
     */
    private Multi<Message<Object>> untilDraining(Multi<Message<Object>> tasks) {
        return Multi.createFrom().emitter(emitter -> {
            Cancellable upstream = tasks.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
            emitter.onTermination(upstream::cancel);
            workload.whenStopTaking().thenRun(() -> {
                upstream.cancel();
                emitter.complete();
            });
        });
    }

    /**
     * A message's tasks: itself when it carries one (or cannot be read: it is dead-lettered whole), each of its tasks
     * when it carries several ({@link BatchedTask}).
     */
    private List<Message<Object>> tasksOf(Message<Object> message) {
        if (intake.isStale(message)) {
            return List.of(message); // skipped as it is
        }
        List<Object> tasks;
        try {
            tasks = reader.readAll(message.getPayload());
        } catch (RuntimeException e) {
            tasks = null; // read again alone, and dead-lettered with why
        }
        return tasks == null ? List.of(message) : BatchedTask.split(message, tasks, reader::write);
    }

    /** One task; emits its result message, or nothing (null) when there is no result to publish. Never fails. */
    Uni<Message<String>> handle(Message<Object> message) {
        if (intake.isStale(message)) {
            // the broker requeued it with its connection; another delivery (here or elsewhere) will check it
            metrics.stale();
            return Uni.createFrom().nullItem();
        }
        workload.taken();
        return Uni.createFrom().deferred(() -> handleTask(message)).onFailure().recoverWithUni(failure -> {
            // a bug or the results topology unavailable: the task itself may be fine, let it come back
            LOG.errorf(failure, "Could not check a task; it goes back to the queue");
            return settle(message, () -> message.nack(failure, REQUEUE));
        });
    }

    private Uni<Message<String>> handleTask(Message<Object> message) {
        CheckTask task;
        try {
            task = message instanceof BatchedTask batched && batched.task() != null
                    ? batched.task()
                    : reader.read(message.getPayload());
        } catch (MalformedTaskException e) {
            metrics.malformed();
            return deadLetter(message, DeadLetters.MALFORMED, e.getMessage());
        }
        Instant now = clockOffset.arrived(task.issuedAt(), Instant.now());
        workload.started(Duration.between(task.issuedAt(), now));
        if (task.isExpired(now)) {
            metrics.expired();
            return deadLetter(
                    message,
                    DeadLetters.EXPIRED,
                    "task " + task.taskId() + " of service " + task.serviceId() + " expired at " + task.expiresAt()
                            + ", received at " + now + " (dispatcher's clock)");
        }
        return check(task).call(results::ready).map(result -> resultMessage(result, message));
    }

    /**
     * Dead-letters the task with why, then acknowledges it. A dead letter the broker did not take is sent again
     * while the task is still this worker's; once its connection has gone, the broker has requeued it instead.
     */
    private Uni<Message<String>> deadLetter(Message<Object> message, String kind, String reason) {
        // a task of several in a message goes alone, as its JSON; a task alone, as its message came
        IncomingRabbitMQMessage<?> incoming = BatchedTask.delivery(message);
        boolean alone = incoming == message;
        byte[] body = alone ? incoming.message.body().getBytes() : payloadBytes(message);
        String messageId = alone
                ? incoming.getMessageId().orElse(null)
                : message instanceof BatchedTask batched && batched.task() != null
                        ? batched.task().taskId()
                        : null;
        String contentType = incoming == null ? null : incoming.getContentType().orElse(null);
        return deadLetters
                .send(body, messageId, contentType, kind, reason, queueOf(incoming))
                .onFailure(failure -> !intake.isStale(message))
                .invoke(failure ->
                        LOG.warnf("Could not dead-letter a task (%s), trying again: %s", kind, failure.getMessage()))
                .onFailure(failure -> !intake.isStale(message))
                .retry()
                .withBackOff(RETRY_MIN, RETRY_MAX)
                .indefinitely()
                .onItemOrFailure()
                .transformToUni((ok, failure) -> {
                    if (failure == null) {
                        return settle(message, message::ack);
                    }
                    workload.settled(); // its connection went: the broker has it back
                    return Uni.createFrom().<Message<String>>nullItem();
                });
    }

    /**
     * The task queue a delivery came from, told by its routing key ({@code check} or {@code check.<pool>}): its dead
     * letter goes where that queue's own go. Null when it cannot tell: the default pool's.
     */
    private String queueOf(IncomingRabbitMQMessage<?> incoming) {
        if (incoming == null || incoming.message.envelope() == null) {
            return null;
        }
        String key = incoming.message.envelope().getRoutingKey();
        String base = names.tasksRoutingKey();
        if (key != null && key.startsWith(base + ".") && Pools.isValid(key.substring(base.length() + 1))) {
            return names.tasksQueue(key.substring(base.length() + 1));
        }
        return null;
    }

    private static byte[] payloadBytes(Message<Object> message) {
        try {
            return TaskReader.bytes(message.getPayload());
        } catch (MalformedTaskException e) {
            return new byte[0];
        }
    }

    /** Checks the task's target; never fails: every failure is a DOWN result with its reason. */
    Uni<CheckResult> check(CheckTask task) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Target target;
        try {
            target = Target.parse(task.target());
        } catch (InvalidTargetException e) {
            // the parser's message quotes the connection string: admins only
            Verdict verdict = Verdict.down("bad connection string: " + e.getMessage(), Reasons.BAD_CONNECTION_STRING);
            metrics.checked(CheckMetrics.UNKNOWN_SCHEME, verdict.outcome(), Duration.ZERO);
            return Uni.createFrom().item(result(task, verdict, startedAt));
        }
        Duration timeout =
                task.timeout().compareTo(config.maxProbeTimeout()) > 0 ? config.maxProbeTimeout() : task.timeout();
        return probes.check(target, timeout).map(verdict -> {
            metrics.checked(target.scheme().id(), verdict.outcome(), Duration.ofNanos(System.nanoTime() - start));
            return result(task, verdict, startedAt);
        });
    }

    private CheckResult result(CheckTask task, Verdict verdict, Instant startedAt) {
        Outcome outcome = verdict.outcome();
        // evidence explains a failure or a warning; an UP result goes without, to keep the many UP messages small
        return CheckResult.of(
                task,
                outcome,
                verdict.reason(),
                verdict.publicReason(),
                workerId,
                startedAt,
                Instant.now(),
                outcome == Outcome.UP ? Map.of() : verdict.evidence());
    }

    /**
     * A new message rather than the task's message with a new payload: the connector would copy the task's
     * properties (its expiration above all) onto the result.
     */
    private Message<String> resultMessage(CheckResult result, Message<Object> task) {
        String json;
        try {
            json = mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write result " + result.taskId(), e);
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withContentType(JSON)
                .withDeliveryMode(PERSISTENT)
                .withRoutingKey(names.resultsRoutingKey())
                .withMessageId(result.taskId())
                .withTimestamp(ZonedDateTime.ofInstant(result.finishedAt(), ZoneOffset.UTC))
                .build();
        // publish-confirms=true: the connector acks this message on the broker's confirm, which acks the task. A
        // confirm
        // that never comes (the client dropped it with a replaced channel) would hold the task, and its prefetch slot,
        // forever: after result-confirm-timeout the task goes back to the queue instead, and a late confirm is ignored.
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> timer = Infrastructure.getDefaultWorkerPool()
                .schedule(
                        () -> {
                            if (settled.compareAndSet(false, true)) {
                                String problem = "no confirm within "
                                        + config.resultConfirmTimeout().toSeconds() + " s";
                                intake.resultFailed(problem);
                                metrics.unconfirmed();
                                LOG.warnf(
                                        "Result of task %s: %s; the task goes back to the queue",
                                        result.taskId(), problem);
                                acknowledge(task, () -> task.nack(new TimeoutException(problem), REQUEUE));
                            }
                        },
                        Math.max(1, config.resultConfirmTimeout().toMillis()),
                        TimeUnit.MILLISECONDS);
        return Message.of(
                json,
                Metadata.of(metadata),
                () -> {
                    if (!settled.compareAndSet(false, true)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    timer.cancel(false);
                    intake.resultConfirmed();
                    return acknowledge(task, task::ack);
                },
                failure -> {
                    if (!settled.compareAndSet(false, true)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    timer.cancel(false);
                    intake.resultFailed(failure.getMessage());
                    LOG.warnf(
                            "Result of task %s not confirmed (%s); the task goes back to the queue",
                            result.taskId(), failure.getMessage());
                    return acknowledge(task, () -> task.nack(failure, REQUEUE));
                });
    }

    /**
     * Acks or nacks a task, unless it came over a connection since replaced: the connector would send its delivery
     * tag on the new channel, where it names another task or closes the channel. The broker has requeued it already.
     */
    private CompletionStage<Void> acknowledge(Message<Object> task, Supplier<CompletionStage<Void>> settlement) {
        if (intake.isStale(task)) {
            metrics.staleAck();
            workload.settled();
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> settled;
        try {
            settled = settlement.get();
        } catch (RuntimeException e) {
            workload.settled();
            throw e;
        }
        return settled.whenComplete((ok, failure) -> workload.settled());
    }

    /** Acks or nacks a task and emits nothing: it has no result to publish. */
    private Uni<Message<String>> settle(Message<Object> task, Supplier<CompletionStage<Void>> settlement) {
        return Uni.createFrom()
                .completionStage(() -> acknowledge(task, settlement))
                .onFailure()
                .invoke(failure -> LOG.warnf("Could not settle a task with the broker: %s", failure.getMessage()))
                .onItemOrFailure()
                .transform((ignored, failure) -> null);
    }
}
