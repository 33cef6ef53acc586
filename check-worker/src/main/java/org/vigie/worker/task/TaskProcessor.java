package org.vigie.worker.task;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletionStage;

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
import org.vigie.check.Target;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Channels;
import org.vigie.worker.config.WorkerConfig;
import org.vigie.worker.config.WorkerId;
import org.vigie.worker.messaging.ResultsGate;
import org.vigie.worker.probe.Probes;
import org.vigie.worker.probe.Verdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * Task in, probe, result out. A task is acknowledged only once the broker has confirmed its result, so a worker
 * that dies mid-check loses nothing: the broker hands the task to another worker.
 * <ul>
 * <li>a task that cannot be read is rejected: the broker dead-letters it and the worker carries on;</li>
 * <li>a task that expired before it arrived is acknowledged and dropped, without a result;</li>
 * <li>a task whose connection string does not parse gets a DOWN result saying why;</li>
 * <li>a result the broker does not confirm sends its task back to the queue, to be checked again.</li>
 * </ul>
 */
@ApplicationScoped
public class TaskProcessor {

    private static final Logger LOG = Logger.getLogger(TaskProcessor.class);

    /** Back to the queue rather than to the dead letters: the task was fine, publishing its result was not. */
    private static final Metadata REQUEUE = Metadata.of(new RabbitMQRejectMetadata(true));

    private static final String JSON = "application/json";
    private static final int PERSISTENT = 2;

    private final TaskReader reader;
    private final Probes probes;
    private final ResultsGate results;
    private final CheckMetrics metrics;
    private final ObjectMapper mapper;
    private final WorkerConfig config;
    private final BrokerNames names;
    private final String workerId;

    TaskProcessor(TaskReader reader, Probes probes, ResultsGate results, CheckMetrics metrics, ObjectMapper mapper,
            WorkerConfig config, BrokerNames names, WorkerId workerId) {
        this.reader = reader;
        this.probes = probes;
        this.results = results;
        this.metrics = metrics;
        this.mapper = mapper;
        this.config = config;
        this.names = names;
        this.workerId = workerId.value();
    }

    /**
     * A stream transformer, because a method returning a Uni per message would be called for one message at a time:
     * {@code merge} runs up to {@code vigie.worker.max-in-flight} checks at once (the broker prefetch is the same
     * number). Results leave in the order checks finish.
     */
    @Incoming(Channels.CHECK_TASKS)
    @Outgoing(Channels.CHECK_RESULTS)
    public Multi<Message<String>> process(Multi<Message<Object>> tasks) {
        return tasks.onItem().transformToUni(this::handle).merge(config.maxInFlight());
    }

    /** One task; emits its result message, or nothing (null) when there is no result to publish. Never fails. */
    Uni<Message<String>> handle(Message<Object> message) {
        return Uni.createFrom().deferred(() -> handleTask(message))
                .onFailure().recoverWithUni(failure -> {
                    // a bug or the results topology unavailable: the task itself may be fine, let it come back
                    LOG.errorf(failure, "Could not check a task; it goes back to the queue");
                    return settle(message.nack(failure, REQUEUE));
                });
    }

    private Uni<Message<String>> handleTask(Message<Object> message) {
        CheckTask task;
        try {
            task = reader.read(message.getPayload());
        } catch (MalformedTaskException e) {
            metrics.malformed();
            LOG.warnf("Dead-lettering a task message: %s", e.getMessage());
            // no requeue metadata: failure-strategy=reject dead-letters it
            return settle(message.nack(e));
        }
        if (task.isExpired(Instant.now())) {
            metrics.expired();
            LOG.debugf("Dropping task %s of service %d: expired at %s", task.taskId(), task.serviceId(), task.expiresAt());
            return settle(message.ack());
        }
        return check(task)
                .call(results::ready)
                .map(result -> resultMessage(result, message));
    }

    /** Checks the task's target; never fails: every failure is a DOWN result with its reason. */
    Uni<CheckResult> check(CheckTask task) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Target target;
        try {
            target = Target.parse(task.target());
        } catch (InvalidTargetException e) {
            Verdict verdict = Verdict.down("bad connection string: " + e.getMessage());
            metrics.checked(CheckMetrics.UNKNOWN_SCHEME, verdict.outcome(), Duration.ZERO);
            return Uni.createFrom().item(result(task, verdict, startedAt));
        }
        Duration timeout = task.timeout().compareTo(config.maxProbeTimeout()) > 0 ? config.maxProbeTimeout() : task.timeout();
        return probes.check(target, timeout).map(verdict -> {
            metrics.checked(target.scheme().id(), verdict.outcome(), Duration.ofNanos(System.nanoTime() - start));
            return result(task, verdict, startedAt);
        });
    }

    private CheckResult result(CheckTask task, Verdict verdict, Instant startedAt) {
        Outcome outcome = verdict.outcome();
        // evidence explains a failure or a warning; an UP result goes without, to keep the many UP messages small
        return CheckResult.of(task, outcome, verdict.reason(), workerId, startedAt, Instant.now(),
                outcome == Outcome.UP ? java.util.Map.of() : verdict.evidence());
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
        // publish-confirms=true: the connector acks this message on the broker's confirm, which acks the task
        return Message.of(json, Metadata.of(metadata), () -> task.ack(), failure -> {
            LOG.warnf("Result of task %s not confirmed (%s); the task goes back to the queue", result.taskId(),
                    failure.getMessage());
            return task.nack(failure, REQUEUE);
        });
    }

    /** Waits for an ack or nack and emits nothing: the task has no result to publish. */
    private static Uni<Message<String>> settle(CompletionStage<Void> settlement) {
        return Uni.createFrom().completionStage(settlement)
                .onFailure().invoke(failure -> LOG.warnf("Could not settle a task with the broker: %s", failure.getMessage()))
                .onItemOrFailure().transform((ignored, failure) -> null);
    }
}
