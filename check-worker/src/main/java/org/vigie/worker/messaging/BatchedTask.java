package org.vigie.worker.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.vigie.check.CheckTask;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

/**
 * One task of a message that carries several ({@code vigie.rabbitmq.tasks-per-message}). Each is checked, dead-lettered
 * and settled on its own; the broker's message is acknowledged once every task in it is, and sent back to the queue
 * (all of it) at the first task sent back: tasks of it already checked are checked again, their results stored once
 * by task id. What the delivery tells (its consumer, its routing key) is the carrying message's ({@link #delivery}).
 */
public final class BatchedTask implements Message<Object> {

    private final Message<Object> carrier;
    private final CheckTask task;
    private final Supplier<byte[]> json;
    private final AtomicInteger unsettled;
    private final AtomicBoolean sentBack;

    private BatchedTask(
            Message<Object> carrier,
            CheckTask task,
            Supplier<byte[]> json,
            AtomicInteger unsettled,
            AtomicBoolean sentBack) {
        this.carrier = carrier;
        this.task = task;
        this.json = json;
        this.unsettled = unsettled;
        this.sentBack = sentBack;
    }

    /**
     * The tasks of {@code carrier}: {@code tasks} holds, in order, each one read ({@link CheckTask}) or its JSON as it
     * came when it could not be read ({@code byte[]}); {@code write} gives a read task's JSON for its dead letter.
     */
    public static List<Message<Object>> split(
            Message<Object> carrier, List<Object> tasks, Function<CheckTask, byte[]> write) {
        AtomicInteger unsettled = new AtomicInteger(tasks.size());
        AtomicBoolean sentBack = new AtomicBoolean();
        List<Message<Object>> split = new ArrayList<>(tasks.size());
        for (Object task : tasks) {
            split.add(
                    task instanceof CheckTask read
                            // written only for a dead letter: most tasks never need their JSON again
                            ? new BatchedTask(carrier, read, () -> write.apply(read), unsettled, sentBack)
                            : new BatchedTask(carrier, null, () -> (byte[]) task, unsettled, sentBack));
        }
        return split;
    }

    /** The broker's delivery a task came in: its own, or the message carrying it; null for a message of no broker. */
    public static IncomingRabbitMQMessage<?> delivery(Message<?> message) {
        Message<?> delivered = message instanceof BatchedTask batched ? batched.carrier : message;
        return delivered instanceof IncomingRabbitMQMessage<?> incoming ? incoming : null;
    }

    /** The task, already read; null when it could not be (its payload says why when read again). */
    public CheckTask task() {
        return task;
    }

    /** The task's JSON, as a dead letter carries it. */
    @Override
    public Object getPayload() {
        return json.get();
    }

    @Override
    public Metadata getMetadata() {
        return carrier.getMetadata();
    }

    @Override
    public CompletionStage<Void> ack(Metadata metadata) {
        if (unsettled.decrementAndGet() == 0 && !sentBack.get()) {
            return carrier.ack(metadata);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason, Metadata metadata) {
        // marked before counted: the ack that counts the last task then sees it, and never settles the carrier twice
        boolean first = sentBack.compareAndSet(false, true);
        unsettled.decrementAndGet();
        return first ? carrier.nack(reason, metadata) : CompletableFuture.completedFuture(null);
    }

    @Override
    public Function<Metadata, CompletionStage<Void>> getAckWithMetadata() {
        return this::ack;
    }

    @Override
    public BiFunction<Throwable, Metadata, CompletionStage<Void>> getNackWithMetadata() {
        return this::nack;
    }
}
