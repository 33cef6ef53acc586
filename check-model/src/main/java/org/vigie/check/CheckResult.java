package org.vigie.check;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param evidence      what the probe saw, for admins reading a failure: {@code status-line}, {@code body}
 *                      (first bytes), {@code url}, {@code certificate-subject}, {@code certificate-issuer},
 *                      {@code certificate-expiry}, {@code address} (comma separated for dns), {@code banner},
 *                      {@code waiting-for}, {@code auth}, {@code ping}, {@code timing.dns}/{@code .connect}/
 *                      {@code .tls}/{@code .first-byte} (ms, one decimal); see docs/probes.md;
 *                      at most {@link #MAX_EVIDENCE_ENTRIES} entries of {@link #MAX_EVIDENCE_LENGTH} characters
 */
public record CheckResult(String taskId, long serviceId, Outcome outcome, long latencyMillis, String reason,
        String workerId, Instant startedAt, Instant finishedAt, Map<String, String> evidence) {

    public static final int MAX_REASON_LENGTH = 200;
    public static final int MAX_EVIDENCE_ENTRIES = 16;
    public static final int MAX_EVIDENCE_LENGTH = 1024;

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
        reason = reason == null || reason.isBlank() ? outcome.name().toLowerCase(java.util.Locale.ROOT) : cut(reason, MAX_REASON_LENGTH);
        Map<String, String> kept = new LinkedHashMap<>();
        if (evidence != null) {
            evidence.forEach((k, v) -> {
                if (k != null && v != null && kept.size() < MAX_EVIDENCE_ENTRIES) {
                    kept.put(cut(k, 64), cut(v, MAX_EVIDENCE_LENGTH));
                }
            });
        }
        evidence = Collections.unmodifiableMap(kept);
    }

    /** A result without evidence. */
    public CheckResult(String taskId, long serviceId, Outcome outcome, long latencyMillis, String reason, String workerId,
            Instant startedAt, Instant finishedAt) {
        this(taskId, serviceId, outcome, latencyMillis, reason, workerId, startedAt, finishedAt, Map.of());
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    /** A result for {@code task}, measured from {@code startedAt} to {@code finishedAt}. */
    public static CheckResult of(CheckTask task, Outcome outcome, String reason, String workerId, Instant startedAt,
            Instant finishedAt) {
        return of(task, outcome, reason, workerId, startedAt, finishedAt, Map.of());
    }

    /** A result for {@code task} with what the probe saw. */
    public static CheckResult of(CheckTask task, Outcome outcome, String reason, String workerId, Instant startedAt,
            Instant finishedAt, Map<String, String> evidence) {
        return new CheckResult(task.taskId(), task.serviceId(), outcome,
                Math.max(0, finishedAt.toEpochMilli() - startedAt.toEpochMilli()), reason, workerId, startedAt, finishedAt, evidence);
    }
}
