package org.vigie.check;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 *                      {@code timed out after 5 s}; at most {@link #MAX_REASON_LENGTH} characters. It may name the
 *                      target's addresses, host names and URLs, quote what the server sent or an exception's text:
 *                      admins read it, the public does not
 * @param publicReason  what the public board, feeds and API show instead: Vigie's own words and numbers only, never
 *                      an address, host name, URL, body content, banner or exception text ({@code HTTP 503},
 *                      {@code timed out}, {@code DNS answer did not match}, {@code certificate expires in 3 days});
 *                      often the same text as {@code reason}. Absent from workers that predate it: then the outcome's
 *                      word ({@link #publicReasonOf}), never the full reason
 * @param workerId      which worker checked, for operators tracing a result
 * @param startedAt     when the probe started
 * @param finishedAt    when the probe ended
 * @param issuedAt      when the dispatcher issued the task (copied from it): the board orders results by this one
 *                      clock rather than by the workers' clocks; null from workers that predate it
 * @param evidence      what the probe saw, for admins reading a failure: {@code status-line}, {@code body}
 *                      (first bytes), {@code url}, {@code certificate-subject}, {@code certificate-issuer},
 *                      {@code certificate-expiry}, {@code address} (comma separated for dns), {@code banner},
 *                      {@code waiting-for}, {@code auth}, {@code ping}, {@code timing.dns}/{@code .connect}/
 *                      {@code .tls}/{@code .first-byte} (ms, one decimal); see docs/probes.md;
 *                      at most {@link #MAX_EVIDENCE_ENTRIES} entries of {@link #MAX_EVIDENCE_LENGTH} characters
 * @param pool          the pool of the worker that checked (copied from the task); absent from workers that predate
 *                      pools: then {@link Pools#DEFAULT}
 */
public record CheckResult(
        String taskId,
        long serviceId,
        Outcome outcome,
        long latencyMillis,
        String reason,
        String publicReason,
        String workerId,
        Instant startedAt,
        Instant finishedAt,
        Instant issuedAt,
        Map<String, String> evidence,
        String pool) {

    /** The board's columns: a longer id cannot be stored, so it is refused when the message is read. */
    public static final int MAX_TASK_ID_LENGTH = 64;

    public static final int MAX_WORKER_ID_LENGTH = 100;
    /** Times a result may carry: what a DATETIME column holds, with room for any real clock. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");
    public static final int MAX_REASON_LENGTH = 200;
    public static final int MAX_EVIDENCE_ENTRIES = 16;
    public static final int MAX_EVIDENCE_LENGTH = 1024;

    public CheckResult {
        CheckTask.requireText(taskId, "taskId");
        CheckTask.requireText(workerId, "workerId");
        Objects.requireNonNull(outcome, "outcome is missing");
        Objects.requireNonNull(startedAt, "startedAt is missing");
        Objects.requireNonNull(finishedAt, "finishedAt is missing");
        requireLength(taskId, "taskId", MAX_TASK_ID_LENGTH);
        requireLength(workerId, "workerId", MAX_WORKER_ID_LENGTH);
        requireInRange(startedAt, "startedAt");
        requireInRange(finishedAt, "finishedAt");
        if (issuedAt != null) {
            requireInRange(issuedAt, "issuedAt");
        }
        if (serviceId <= 0) {
            throw new IllegalArgumentException("serviceId must be positive, got " + serviceId);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must not be negative");
        }
        reason = reason == null || reason.isBlank()
                ? outcome.name().toLowerCase(Locale.ROOT)
                : cut(reason, MAX_REASON_LENGTH);
        publicReason = publicReason == null || publicReason.isBlank()
                ? publicReasonOf(outcome)
                : cut(publicReason, MAX_REASON_LENGTH);
        Map<String, String> kept = new LinkedHashMap<>();
        if (evidence != null) {
            evidence.forEach((k, v) -> {
                if (k != null && v != null && kept.size() < MAX_EVIDENCE_ENTRIES) {
                    kept.put(cut(k, 64), cut(v, MAX_EVIDENCE_LENGTH));
                }
            });
        }
        evidence = Collections.unmodifiableMap(kept);
        pool = pool == null || pool.isBlank() ? Pools.DEFAULT : Pools.require(pool);
    }

    /** A result from the default pool. */
    public CheckResult(
            String taskId,
            long serviceId,
            Outcome outcome,
            long latencyMillis,
            String reason,
            String publicReason,
            String workerId,
            Instant startedAt,
            Instant finishedAt,
            Instant issuedAt,
            Map<String, String> evidence) {
        this(
                taskId,
                serviceId,
                outcome,
                latencyMillis,
                reason,
                publicReason,
                workerId,
                startedAt,
                finishedAt,
                issuedAt,
                evidence,
                Pools.DEFAULT);
    }

    /** A result without public reason (the outcome's word), evidence nor issue time. */
    public CheckResult(
            String taskId,
            long serviceId,
            Outcome outcome,
            long latencyMillis,
            String reason,
            String workerId,
            Instant startedAt,
            Instant finishedAt) {
        this(taskId, serviceId, outcome, latencyMillis, reason, null, workerId, startedAt, finishedAt, null, Map.of());
    }

    /** A result with evidence, without public reason (the outcome's word) nor issue time. */
    public CheckResult(
            String taskId,
            long serviceId,
            Outcome outcome,
            long latencyMillis,
            String reason,
            String workerId,
            Instant startedAt,
            Instant finishedAt,
            Map<String, String> evidence) {
        this(taskId, serviceId, outcome, latencyMillis, reason, null, workerId, startedAt, finishedAt, null, evidence);
    }

    /** The same result with its probe times moved to {@code finishedAt}, the latency kept. */
    public CheckResult finishedAt(Instant at) {
        return new CheckResult(
                taskId,
                serviceId,
                outcome,
                latencyMillis,
                reason,
                publicReason,
                workerId,
                at.minusMillis(latencyMillis),
                at,
                issuedAt,
                evidence,
                pool);
    }

    /**
     * The public reason of a result that states none (a worker that predates public reasons): {@code Up},
     * {@code Warning} or {@code Down}, the words of the board's statuses.
     */
    public static String publicReasonOf(Outcome outcome) {
        return switch (outcome) {
            case UP -> "Up";
            case WARNING -> "Warning";
            case DOWN -> "Down";
        };
    }

    private static void requireLength(String value, String name, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }

    private static void requireInRange(Instant at, String name) {
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw new IllegalArgumentException(name + " " + at + " is outside " + EARLIEST + " to " + LATEST);
        }
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    /** A result for {@code task}, measured from {@code startedAt} to {@code finishedAt}, without public reason. */
    public static CheckResult of(
            CheckTask task, Outcome outcome, String reason, String workerId, Instant startedAt, Instant finishedAt) {
        return of(task, outcome, reason, null, workerId, startedAt, finishedAt, Map.of());
    }

    /** A result for {@code task} with its public reason and what the probe saw. */
    public static CheckResult of(
            CheckTask task,
            Outcome outcome,
            String reason,
            String publicReason,
            String workerId,
            Instant startedAt,
            Instant finishedAt,
            Map<String, String> evidence) {
        return new CheckResult(
                task.taskId(),
                task.serviceId(),
                outcome,
                Math.max(0, finishedAt.toEpochMilli() - startedAt.toEpochMilli()),
                reason,
                publicReason,
                workerId,
                startedAt,
                finishedAt,
                task.issuedAt(),
                evidence,
                task.pool());
    }
}
