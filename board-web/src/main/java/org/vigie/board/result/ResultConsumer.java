package org.vigie.board.result;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vigie.board.result.ResultDeadLetters.Kind;
import org.vigie.board.result.ResultStore.Outcomes;
import org.vigie.check.CheckResult;
import org.vigie.messaging.Channels;
import org.vigie.messaging.Payloads;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

/**
 * Takes results off the queue in batches and acknowledges them only after their transaction committed.
 * <p>
 * Every message ends stored or dead-lettered with a reason ({@link ResultDeadLetters}): one that is not a readable
 * result at once; one the database refuses for good after its batch is split, the rest of the batch being stored;
 * one whose service is gone. A write that fails for now (database down, deadlock) is retried with back-off and stays
 * unacknowledged meanwhile, and the bounded prefetch stops the inflow. {@link ResultIntake} reports all of it to the
 * health checks, so a stopped stream fails liveness instead of leaving the board silently stale.
 * <p>
 * Times are the board's: a result is placed between its task's issue time and the moment board-web received it
 * (docs/architecture.md, "Clocks"), so a worker whose clock is off cannot date events in the future.
 */
@ApplicationScoped
public class ResultConsumer {

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    /** More than the prefetch (vigie.results.prefetch): every unacknowledged message could be a batch of one. */
    private static final int MAX_WAITING_BATCHES = 100_000;

    @Inject
    @Channel(Channels.CHECK_RESULTS)
    Multi<Message<Object>> results;

    @Inject
    ResultStore store;

    @Inject
    ResultDeadLetters deadLetters;

    @Inject
    ResultIntake intake;

    @Inject
    ResultConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private Counter staleAcks;
    private Timer freshness;
    private Timer startDelay;

    /** The consumer tag of the newest delivery: a message from an earlier one came over a connection now gone. */
    private volatile String currentConsumer;

    void start(@Observes StartupEvent event) {
        staleAcks = registry.counter("vigie.results.acks.skipped");
        // How late the board is: the dispatcher's issue time to the result stored (the board's clock at both ends),
        // and to the probe's start (the worker's clock). Histograms, so that percentiles add up across board-webs.
        freshness = lagTimer("vigie.results.freshness", "From a task issued to its result stored");
        startDelay =
                lagTimer("vigie.results.start.delay", "From a task issued to its probe started, by the worker's clock");
        results
                // After a reconnect the connector's consumer no longer follows demand and the broker sends a new
                // prefetch while the old one is still here: buffer it (the broker's prefetch bounds what arrives)
                // rather than fail the stream with a BackPressureFailure.
                .onOverflow()
                .buffer(config.maxBuffered())
                .onItem()
                .transform(this::decode)
                .group()
                .intoLists()
                .of(messagesPerBatch(config.batchSize(), config.prefetch()), config.batchMaxWait())
                // The timer closes a batch whether or not the previous one is still being written: queue it.
                .onOverflow()
                .buffer(MAX_WAITING_BATCHES)
                .onItem()
                .transformToUniAndConcatenate(this::handle)
                .subscribe()
                .with(
                        done -> {},
                        failure -> {
                            LOG.error("the result stream failed; board-web no longer stores results", failure);
                            intake.ended(failure.toString());
                        },
                        () -> {
                            LOG.error("the result stream completed; board-web no longer stores results");
                            intake.ended("completed");
                        });
    }

    /**
     * Messages in a batch, which {@link #handle} splits into transactions of batch-size results: half the prefetch, so
     * that a batch closes as soon as the other half can arrive, whatever the number of results each message carries.
     */
    static int messagesPerBatch(int batchSize, int prefetch) {
        return Math.max(1, Math.min(batchSize, prefetch / 2));
    }

    /**
     * A message as taken off the queue: its results (one, or several a worker sent together as a JSON array), or why
     * it is not one. {@code whole} is false for one result of a message being written on its own: the message is
     * acknowledged once all of its results are settled, not by each.
     */
    record Received(
            Message<Object> message,
            byte[] body,
            List<CheckResult> results,
            String problem,
            String consumer,
            boolean whole) {

        /** One of this message's results, with its own body for a dead letter. */
        Received part(CheckResult result, byte[] resultBody) {
            return new Received(message, resultBody, List.of(result), null, consumer, false);
        }
    }

    Received decode(Message<Object> message) {
        intake.received();
        String consumer =
                message instanceof IncomingRabbitMQMessage<?> incoming ? incoming.message.consumerTag() : null;
        if (consumer != null) {
            currentConsumer = consumer;
        }
        byte[] body = null;
        try {
            body = bytes(message.getPayload());
            List<CheckResult> results = new ArrayList<>();
            for (CheckResult r : read(body)) {
                results.add(placed(r));
            }
            return new Received(message, body, results, null, consumer, true);
        } catch (IOException | RuntimeException e) {
            return new Received(
                    message, body, List.of(), "not a check result: " + StoreFailures.describe(e), consumer, true);
        }
    }

    /** A result's JSON object, or a JSON array of them. */
    private List<CheckResult> read(byte[] body) throws IOException {
        if (!Payloads.isArray(body)) {
            return List.of(json.readValue(body, CheckResult.class));
        }
        List<CheckResult> results = Arrays.asList(json.readValue(body, CheckResult[].class));
        if (results.isEmpty() || results.contains(null)) {
            throw new IOException("a list of results must hold results, and at least one");
        }
        return results;
    }

    /** The board's clock bounds the worker's: never after receipt, never before the task was issued. */
    CheckResult placed(CheckResult r) {
        Instant received = clock.instant();
        Instant finished = r.finishedAt();
        if (r.issuedAt() != null && finished.isBefore(r.issuedAt().plusMillis(r.latencyMillis()))) {
            finished = r.issuedAt().plusMillis(r.latencyMillis());
        }
        if (finished.isAfter(received)) {
            finished = received;
        }
        return finished.equals(r.finishedAt()) ? r : r.finishedAt(finished);
    }

    private static byte[] bytes(Object payload) throws IOException {
        return Payloads.bytes(payload)
                .orElseThrow(() -> new IOException("unexpected payload type " + Payloads.describe(payload)));
    }

    private Uni<Void> handle(List<Received> batch) {
        List<List<Received>> writes = new ArrayList<>();
        List<Received> write = new ArrayList<>();
        int results = 0;
        List<Uni<Void>> rejected = new ArrayList<>();
        for (Received r : batch) {
            if (r.problem() != null) {
                rejected.add(deadLetter(r, Kind.MALFORMED, r.problem()));
                continue;
            }
            // a transaction holds batch-size results at most, whatever number of messages carried them
            if (!write.isEmpty() && results + r.results().size() > config.batchSize()) {
                writes.add(write);
                write = new ArrayList<>();
                results = 0;
            }
            write.add(r);
            results += r.results().size();
        }
        writes.add(write);
        return join(rejected)
                .chain(() -> Multi.createFrom()
                        .iterable(writes)
                        .onItem()
                        .transformToUniAndConcatenate(this::write)
                        .collect()
                        .last());
    }

    /** Stores a batch; a batch refused for good is written again one result at a time, to find the culprit. */
    private Uni<Void> write(List<Received> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CheckResult> payload =
                batch.stream().flatMap(r -> r.results().stream()).toList();
        return Uni.createFrom()
                .item(() -> store.store(payload))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !StoreFailures.isPermanent(e))
                .invoke(e -> {
                    intake.failing(e);
                    LOG.warnf("storing %d results failed, retrying: %s", batch.size(), e.toString());
                })
                .onFailure(e -> !StoreFailures.isPermanent(e))
                .retry()
                .withBackOff(config.retryMinBackoff(), config.retryMaxBackoff())
                .indefinitely()
                .onItem()
                .transformToUni(outcomes -> {
                    intake.stored();
                    timeLag(payload);
                    return settle(batch, outcomes);
                })
                .onFailure()
                .recoverWithUni(e -> {
                    if (batch.size() > 1) {
                        return oneByOne(batch, r -> write(List.of(r)));
                    }
                    Received only = batch.get(0);
                    if (only.results().size() == 1) {
                        return deadLetter(only, Kind.UNSTORABLE, StoreFailures.describe(e));
                    }
                    // several results in one message: each on its own, then the message is acknowledged
                    return oneByOne(only.results(), r -> write(List.of(only.part(r, bodyOf(r)))))
                            .chain(() -> settled(only));
                });
    }

    private static <T> Uni<Void> oneByOne(List<T> items, Function<? super T, Uni<? extends Void>> each) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(each)
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private byte[] bodyOf(CheckResult result) {
        try {
            return json.writeValueAsBytes(result);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write result " + result.taskId(), e);
        }
    }

    private Timer lagTimer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    private void timeLag(List<CheckResult> stored) {
        long now = clock.millis();
        for (CheckResult r : stored) {
            if (r.issuedAt() != null) {
                long issued = r.issuedAt().toEpochMilli();
                freshness.record(Math.max(0, now - issued), TimeUnit.MILLISECONDS);
                startDelay.record(Math.max(0, r.startedAt().toEpochMilli() - issued), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** After a commit: dead-letters the results whose service is gone, then acknowledges the messages. */
    private Uni<Void> settle(List<Received> batch, Outcomes outcomes) {
        Set<String> orphans = Set.copyOf(outcomes.unknownService());
        List<Uni<Void>> done = new ArrayList<>();
        for (Received r : batch) {
            List<Uni<Void>> gone = new ArrayList<>();
            for (CheckResult result : r.results()) {
                if (orphans.contains(result.taskId())) {
                    gone.add(sendDeadLetter(
                            r.results().size() == 1 ? r.body() : bodyOf(result),
                            Kind.UNKNOWN_SERVICE,
                            "service " + result.serviceId() + " no longer exists"));
                }
            }
            done.add(join(gone).chain(() -> settled(r)));
        }
        return join(done);
    }

    private Uni<Void> deadLetter(Received r, Kind kind, String reason) {
        return sendDeadLetter(r.body(), kind, reason).chain(() -> settled(r));
    }

    private Uni<Void> sendDeadLetter(byte[] body, Kind kind, String reason) {
        return deadLetters
                .send(body, kind, reason)
                .onFailure()
                .retry()
                .withBackOff(config.retryMinBackoff(), config.retryMaxBackoff())
                .indefinitely();
    }

    /** Acknowledges a whole message; a part of one waits for its message's other results. */
    private Uni<Void> settled(Received r) {
        return r.whole() ? ack(r) : Uni.createFrom().voidItem();
    }

    /**
     * Acknowledges over the connection the message came on. A message from a connection since replaced is not
     * acknowledged: its delivery tag would name another message on the new channel. The broker has already
     * requeued it, and its redelivery is found stored.
     */
    private Uni<Void> ack(Received r) {
        if (r.consumer() != null && !r.consumer().equals(currentConsumer)) {
            staleAcks.increment();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom()
                .completionStage(() -> r.message().ack())
                .ifNoItem()
                .after(config.ackTimeout())
                .failWith(() -> new TimeoutException("no answer from the broker in " + config.ackTimeout()))
                .onFailure()
                .recoverWithItem(e -> {
                    // An ack lost with its connection is redelivered and then found already stored.
                    LOG.warnf("acknowledging a result failed: %s", e.toString());
                    return null;
                });
    }

    private static Uni<Void> join(List<Uni<Void>> unis) {
        if (unis.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(unis).andCollectFailures().replaceWithVoid();
    }
}
