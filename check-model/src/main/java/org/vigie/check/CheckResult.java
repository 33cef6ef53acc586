package org.vigie.check;

import java.time.Instant;
import java.util.Objects;

/**
 * What a worker publishes after checking one task's target.
 *
 * @param taskId        the task's id: the key that makes storing a result idempotent
 * @param serviceId     the board's id of the service
 * @param outcome       up, warning or down
 * @param latencyMillis how long the probe took, to the answer or to the failure
 * @param reason        a short reason a person understands: {@code HTTP 200}, {@code connection refused},
 *                      {@code timed out after 5 s}; at most {@link #MAX_REASON_LENGTH} characters
 * @param workerId      which worker checked, for operators tracing a result
 * @param startedAt     when the probe started
 * @param finishedAt    when the probe ended
 */
public record CheckResult(String taskId, long serviceId, Outcome outcome, long latencyMillis, String reason,
        String workerId, Instant startedAt, Instant finishedAt) {

    public static final int MAX_REASON_LENGTH = 200;

    public CheckResult {
        CheckTask.requireText(taskId, "taskId");
        CheckTask.requireText(workerId, "workerId");
        Objects.requireNonNull(outcome, "outcome is missing");
        Objects.requireNonNull(startedAt, "startedAt is missing");
        Objects.requireNonNull(finishedAt, "finishedAt is missing");
        if (serviceId <= 0) {
            throw new IllegalArgumentException("serviceId must be positive, got " + serviceId);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must not be negative");
        }
        reason = reason == null || reason.isBlank() ? outcome.name().toLowerCase(java.util.Locale.ROOT)
                : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH - 1) + "…" : reason;
    }

    /** A result for {@code task}, measured from {@code startedAt} to {@code finishedAt}. */
    public static CheckResult of(CheckTask task, Outcome outcome, String reason, String workerId, Instant startedAt,
            Instant finishedAt) {
        return new CheckResult(task.taskId(), task.serviceId(), outcome,
                Math.max(0, finishedAt.toEpochMilli() - startedAt.toEpochMilli()), reason, workerId, startedAt, finishedAt);
    }
}
