package org.vigie.board.result;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vigie.board.messaging.Channels;
import org.vigie.board.result.ResultConfig;
import org.vigie.check.CheckResult;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Takes results off the queue in batches and acknowledges them only after their transaction committed.
 * <p>
 * A message that is not a readable result is rejected at once, so the broker dead-letters it and the batch goes
 * on. A batch whose transaction fails (database down) is retried with back-off and stays unacknowledged
 * meanwhile; the channel's bounded prefetch stops the inflow, and a crash redelivers it to the next consumer.
 */
@ApplicationScoped
public class ResultConsumer {

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    /** More than the channel's max-outstanding-messages: every unacknowledged result could be a batch of one. */
    private static final int MAX_WAITING_BATCHES = 100_000;

    @Inject
    @Channel(Channels.CHECK_RESULTS)
    Multi<Message<Object>> results;

    @Inject
    ResultStore store;

    @Inject
    ResultConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private Counter malformed;

    void start(@Observes StartupEvent event) {
        malformed = registry.counter("vigie.results.malformed");
        results
                .onItem().transformToUniAndConcatenate(this::decode)
                .group().intoLists().of(config.batchSize(), config.batchMaxWait())
                // The timer closes a batch whether or not the previous one is still being written: queue it. The
                // channel's prefetch bounds the results in flight, and so the batches waiting here.
                .onOverflow().buffer(MAX_WAITING_BATCHES)
                .onItem().transformToUniAndConcatenate(this::write)
                .subscribe().with(
                        done -> {
                        },
                        failure -> LOG.error("the result stream stopped; board-web no longer stores results", failure));
    }

    /** The result, or null (dropped from the stream) after rejecting a message that is not one. */
    private Uni<Received> decode(Message<Object> message) {
        try {
            return Uni.createFrom().item(new Received(message, read(message.getPayload())));
        } catch (IOException | RuntimeException e) {
            malformed.increment();
            LOG.warnf("dead-lettering a message that is not a check result: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e)).replaceWith((Received) null);
        }
    }

    private CheckResult read(Object payload) throws IOException {
        if (payload instanceof JsonObject object) {
            return json.readValue(object.toBuffer().getBytes(), CheckResult.class);
        } else if (payload instanceof byte[] bytes) {
            return json.readValue(bytes, CheckResult.class);
        } else if (payload instanceof Buffer buffer) {
            return json.readValue(buffer.getBytes(), CheckResult.class);
        } else if (payload instanceof String text) {
            return json.readValue(text, CheckResult.class);
        }
        throw new IOException("unexpected payload type " + (payload == null ? "null" : payload.getClass().getName()));
    }

    private Uni<Void> write(List<Received> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CheckResult> payload = batch.stream().map(Received::result).toList();
        return Uni.createFrom().item(() -> store.store(payload))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> LOG.warnf("storing %d results failed, retrying: %s", batch.size(), e.toString()))
                .onFailure().retry().withBackOff(config.retryMinBackoff(), config.retryMaxBackoff()).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(CompletableFuture.allOf(
                        batch.stream().map(r -> r.message().ack().toCompletableFuture()).toArray(CompletableFuture[]::new))))
                .onFailure().recoverWithItem(e -> {
                    // An ack lost with its connection is redelivered and then found already stored.
                    LOG.warnf("acknowledging stored results failed: %s", e.toString());
                    return null;
                })
                .replaceWithVoid();
    }

    private record Received(Message<Object> message, CheckResult result) {
    }
}
