package org.vigie.board.result;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.vigie.messaging.DeadLetters;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Sends a result board-web will never store to the results' dead-letter queue, with why: the header
 * {@code x-vigie-reason} says what was wrong and {@code x-vigie-kind} which rule refused it (a metric counts each
 * kind). The original is acknowledged only after the broker confirmed its dead letter, so a crash in between
 * redelivers it rather than losing it.
 */
@ApplicationScoped
public class ResultDeadLetters {

    static final String CHANNEL = "result-dead-letters";

    private static final Logger LOG = Logger.getLogger(ResultDeadLetters.class);
    private static final int PERSISTENT = 2;

    /** Why a result was dead-lettered; each has its own count in {@code vigie.results.dead.lettered}. */
    public enum Kind {
        /** Not a check result: not JSON, a field missing, a value out of range or too long for its column. */
        MALFORMED(DeadLetters.MALFORMED),
        /** Its service was deleted after the task was dispatched. */
        UNKNOWN_SERVICE("unknown-service"),
        /** The database refused it for good (a data error); the rest of its batch was stored. */
        UNSTORABLE("unstorable");

        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;

    @Inject
    MeterRegistry registry;

    /** Completes once the broker holds the dead letter; fails (and the original stays unacknowledged) otherwise. */
    public Uni<Void> send(byte[] body, Kind kind, String reason) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withDeliveryMode(PERSISTENT)
                .withContentType("application/json")
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withHeader(DeadLetters.KIND_HEADER, kind.tag)
                .withHeader(DeadLetters.REASON_HEADER, reason)
                .build();
        return emitter.sendMessage(Message.of(body == null ? new byte[0] : body, Metadata.of(metadata)))
                .invoke(() -> {
                    registry.counter("vigie.results.dead.lettered", "kind", kind.tag)
                            .increment();
                    LOG.warnf("dead-lettered a result (%s): %s", kind.tag, reason);
                });
    }
}
