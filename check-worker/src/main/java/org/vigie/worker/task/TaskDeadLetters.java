package org.vigie.worker.task;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.vigie.messaging.DeadLetters;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Sends a task the worker will not check to the tasks' dead-letter queue, saying why ({@link DeadLetters} headers):
 * published to the dead-letter exchange with the tasks queue's name as routing key, as the broker routes the queue's
 * own dead letters. The caller acknowledges the original only once this completes (the broker confirmed), so a crash
 * in between redelivers the task rather than losing it.
 */
@ApplicationScoped
public class TaskDeadLetters {

    static final String CHANNEL = "task-dead-letters";

    /** Longest reason header: one line an operator reads, not a stack trace. */
    static final int MAX_REASON_LENGTH = 500;

    private static final Logger LOG = Logger.getLogger(TaskDeadLetters.class);
    private static final int PERSISTENT = 2;

    // Each task in flight sends at most one dead letter; a send refused by a full buffer is retried by the caller.
    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<byte[]> emitter;

    private final MeterRegistry registry;

    TaskDeadLetters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Completes once the broker holds the dead letter. {@code messageId} and {@code contentType} are the original's,
     * when it had them; its expiration is not copied, or the dead letter would expire before an operator saw it.
     */
    public Uni<Void> send(byte[] body, String messageId, String contentType, String kind, String reason) {
        return send(body, messageId, contentType, kind, reason, null);
    }

    /**
     * As {@link #send(byte[], String, String, String, String)}, routed as the broker routes the dead letters of the
     * queue {@code fromQueue} (each pool's task queue is bound to the DLQ with its own name); null: the default pool's.
     */
    public Uni<Void> send(
            byte[] body, String messageId, String contentType, String kind, String reason, String fromQueue) {
        String line = oneLine(reason);
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withHeader(DeadLetters.KIND_HEADER, kind)
                .withHeader(DeadLetters.REASON_HEADER, line);
        if (messageId != null) {
            metadata.withMessageId(messageId);
        }
        if (fromQueue != null) {
            metadata.withRoutingKey(fromQueue);
        }
        if (contentType != null) {
            metadata.withContentType(contentType);
        }
        return emitter.sendMessage(Message.of(body == null ? new byte[0] : body, Metadata.of(metadata.build())))
                .invoke(() -> {
                    registry.counter("vigie.worker.tasks.dead.lettered", "kind", kind)
                            .increment();
                    LOG.warnf("Dead-lettered a task (%s): %s", kind, line);
                });
    }

    static String oneLine(String reason) {
        String line = reason == null ? "" : reason.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
