package org.vigie.worker.task;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Several results in one message: a JSON array of the results' objects (board-web reads an object or an array). The
 * broker's confirm of the message acknowledges every task in it; its refusal sends each back to the queue.
 */
final class ResultMessages {

    private ResultMessages() {}

    /** One message for {@code results}; a single result goes as it is, a JSON object. */
    static Message<String> combine(List<Message<String>> results) {
        if (results.size() == 1) {
            return results.get(0);
        }
        StringBuilder body = new StringBuilder(results.size() * 400).append('[');
        for (Message<String> result : results) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append(result.getPayload());
        }
        body.append(']');
        OutgoingRabbitMQMetadata first = results.get(0)
                .getMetadata(OutgoingRabbitMQMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a result message without its metadata"));
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withContentType(first.getContentType())
                .withDeliveryMode(first.getDeliveryMode())
                .withRoutingKey(first.getRoutingKey())
                .withTimestamp(first.getTimestamp())
                .build();
        return Message.of(
                body.toString(),
                Metadata.of(metadata),
                () -> all(results, Message::ack),
                failure -> all(results, result -> result.nack(failure)));
    }

    private static CompletionStage<Void> all(
            List<Message<String>> results, Function<Message<String>, CompletionStage<Void>> settle) {
        return CompletableFuture.allOf(results.stream()
                .map(settle)
                .map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }
}
