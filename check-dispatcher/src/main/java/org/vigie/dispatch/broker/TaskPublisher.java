package org.vigie.dispatch.broker;

import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.vigie.check.CheckTask;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Publishes check tasks: JSON, persistent, expiring with the task, and confirmed by the broker. The connector only
 * sets what the metadata says (delivery mode included), so every property is explicit here.
 */
@ApplicationScoped
public class TaskPublisher {

    /** AMQP delivery mode 2: the broker writes the task to disk, so a broker restart does not lose it. */
    static final int PERSISTENT = 2;

    /** Tasks a pass may have waiting for a confirm; the emitter buffers the same, so a full wave never overflows. */
    public static final int MAX_IN_FLIGHT = 1000;

    @Inject
    @Channel(Channels.CHECK_TASKS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<byte[]> emitter;

    @Inject
    ObjectMapper json;

    @Inject
    BrokerNames names;

    /** Completes when the broker has confirmed the task (publish-confirms on the channel), fails when it has not. */
    public Uni<Void> publish(CheckTask task) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(task);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot write task " + task.taskId() + " as JSON", e));
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(names.tasksRoutingKey())
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withMessageId(task.taskId())
                .withTimestamp(task.issuedAt().atZone(ZoneOffset.UTC))
                // a task nobody ran before expiresAt is dropped by the broker (and dead-lettered)
                .withExpiration(Long.toString(Duration.between(task.issuedAt(), task.expiresAt()).toMillis()))
                .build();
        return emitter.sendMessage(Message.of(body, Metadata.of(metadata)));
    }
}
