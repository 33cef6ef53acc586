package org.vigie.worker.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

/**
 * What the task consumer is doing, told by the task stream and read by the health checks.
 * <p>
 * Every reconnect to the broker makes a new consumer, with a new consumer tag. A task received by an earlier one is
 * stale: the broker requeued it when that connection went, and its delivery tag means nothing (or another task) on
 * the new channel, where the connector would send its ack. So the newest consumer tag seen is remembered, and stale
 * tasks are neither checked nor acknowledged. Each pool's channel has its own consumer: the current one is kept per
 * pool, told apart by the routing key the tasks arrive with.
 * <p>
 * Liveness fails once the task stream has ended (failed, completed or cancelled): the worker no longer takes tasks
 * and a restart cures it. Readiness fails then too, and while results are not being confirmed by the broker.
 */
@ApplicationScoped
public class TaskIntake {

    /** Consumers reported by readiness: the current ones and a few before them. */
    private static final int REPORTED_CONSUMERS = 3 + org.vigie.messaging.Channels.TASK_SLOTS;

    private final Map<String, Instant> lastReceivedByConsumer = new LinkedHashMap<>();
    private final Map<String, String> currentConsumerByKey = new ConcurrentHashMap<>();
    private volatile Instant lastResultAt;
    private volatile Instant resultsFailingSince;
    private volatile String resultsProblem;
    private volatile String ended;

    /** A task arrived from the broker; its consumer becomes the current one. */
    public void received(Message<?> message) {
        String consumer = consumerOf(message);
        if (consumer == null) {
            return;
        }
        currentConsumerByKey.put(routingKeyOf(message), consumer);
        synchronized (lastReceivedByConsumer) {
            lastReceivedByConsumer.remove(consumer);
            lastReceivedByConsumer.put(consumer, Instant.now());
            if (lastReceivedByConsumer.size() > REPORTED_CONSUMERS) {
                lastReceivedByConsumer.remove(
                        lastReceivedByConsumer.keySet().iterator().next());
            }
        }
    }

    /** Whether the task came over a connection since replaced: the broker has requeued it already. */
    public boolean isStale(Message<?> message) {
        String consumer = consumerOf(message);
        if (consumer == null) {
            return false;
        }
        String current = currentConsumerByKey.get(routingKeyOf(message));
        return current != null && !consumer.equals(current);
    }

    /** The broker confirmed a result. */
    public void resultConfirmed() {
        lastResultAt = Instant.now();
        resultsFailingSince = null;
        resultsProblem = null;
    }

    /** A result was not confirmed: its task goes back to the queue. */
    public void resultFailed(String problem) {
        if (resultsFailingSince == null) {
            resultsFailingSince = Instant.now();
        }
        resultsProblem = problem;
    }

    /** The task stream ended: no task will be received any more. */
    public void ended(String why) {
        ended = why;
    }

    String deadReason() {
        return ended == null ? null : "the task stream ended: " + ended;
    }

    String notWorkingReason() {
        String dead = deadReason();
        if (dead != null) {
            return dead;
        }
        Instant since = resultsFailingSince;
        return since == null ? null : "results have not been confirmed since " + since + ": " + resultsProblem;
    }

    private static String routingKeyOf(Message<?> message) {
        IncomingRabbitMQMessage<?> incoming = BatchedTask.delivery(message);
        if (incoming != null && incoming.message.envelope() != null) {
            return String.valueOf(incoming.message.envelope().getRoutingKey());
        }
        return "";
    }

    private static String consumerOf(Message<?> message) {
        IncomingRabbitMQMessage<?> incoming = BatchedTask.delivery(message);
        return incoming != null ? incoming.message.consumerTag() : null;
    }

    // not private: the health checks call it through the bean's client proxy, and a private method would run on the
    // proxy itself, reading its empty fields
    HealthCheckResponse report(String problem) {
        HealthCheckResponseBuilder builder =
                HealthCheckResponse.named("task-consumer").status(problem == null);
        if (problem != null) {
            builder.withData("problem", problem);
        }
        synchronized (lastReceivedByConsumer) {
            lastReceivedByConsumer.forEach((consumer, at) -> builder.withData(
                    "lastReceivedAt " + consumer + (currentConsumerByKey.containsValue(consumer) ? " (current)" : ""),
                    at.toString()));
        }
        return builder.withData("resultsPublishing", resultsFailingSince == null)
                .withData("lastResultConfirmedAt", String.valueOf(lastResultAt))
                .build();
    }

    /** Fails when the task stream has ended: systemd or Kubernetes restarts the worker. */
    @Liveness
    @ApplicationScoped
    static class Alive implements HealthCheck {

        private final TaskIntake intake;

        Alive(TaskIntake intake) {
            this.intake = intake;
        }

        @Override
        public HealthCheckResponse call() {
            return intake.report(intake.deadReason());
        }
    }

    /** Fails whenever tasks are not being checked and reported, with the reason. */
    @Readiness
    @ApplicationScoped
    static class Ready implements HealthCheck {

        private final TaskIntake intake;

        Ready(TaskIntake intake) {
            this.intake = intake;
        }

        @Override
        public HealthCheckResponse call() {
            return intake.report(intake.notWorkingReason());
        }
    }
}
