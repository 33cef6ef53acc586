package org.vigie.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The message the dispatcher publishes for one check of one service; any worker may take it.
 *
 * @param taskId        unique per dispatch; results carry it, so board-web stores a redelivered result once
 * @param serviceId     the board's id of the service
 * @param target        the service's connection string, as stored
 * @param timeoutMillis how long the probe may take before it counts as down
 * @param issuedAt      when the dispatcher issued the task
 * @param expiresAt     after this the task is no longer worth running (also the message's broker expiration)
 * @param pool          the pool whose workers check it ({@link Pools}); absent from dispatchers that predate pools:
 *                      then {@link Pools#DEFAULT}
 */
public record CheckTask(
        String taskId,
        long serviceId,
        String target,
        long timeoutMillis,
        Instant issuedAt,
        Instant expiresAt,
        String pool) {

    /** As long as a result's task id: board-web stores it in a column of this size. */
    public static final int MAX_TASK_ID_LENGTH = CheckResult.MAX_TASK_ID_LENGTH;

    /** As long as a connection string may be (the services table's column). */
    public static final int MAX_TARGET_LENGTH = Target.MAX_LENGTH;

    /** The longest probe a task may ask for: what a connection string's {@code timeout} may say. */
    public static final Duration MAX_TIMEOUT = Scheme.MAX_TIMEOUT;

    public CheckTask {
        requireText(taskId, "taskId");
        requireText(target, "target");
        // a task that cannot be checked or reported must fail here, where the worker dead-letters it saying why
        if (taskId.length() > MAX_TASK_ID_LENGTH) {
            throw new IllegalArgumentException("taskId is longer than " + MAX_TASK_ID_LENGTH + " characters");
        }
        if (target.length() > MAX_TARGET_LENGTH) {
            throw new IllegalArgumentException("target is longer than " + MAX_TARGET_LENGTH + " characters");
        }
        Objects.requireNonNull(issuedAt, "issuedAt is missing");
        Objects.requireNonNull(expiresAt, "expiresAt is missing");
        if (serviceId <= 0) {
            throw new IllegalArgumentException("serviceId must be positive, got " + serviceId);
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, got " + timeoutMillis);
        }
        if (timeoutMillis > MAX_TIMEOUT.toMillis()) {
            throw new IllegalArgumentException(
                    "timeoutMillis must be at most " + MAX_TIMEOUT.toMillis() + ", got " + timeoutMillis);
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        pool = pool == null || pool.isBlank() ? Pools.DEFAULT : Pools.require(pool);
    }

    /** A task for the default pool. */
    public CheckTask(
            String taskId, long serviceId, String target, long timeoutMillis, Instant issuedAt, Instant expiresAt) {
        this(taskId, serviceId, target, timeoutMillis, issuedAt, expiresAt, Pools.DEFAULT);
    }

    /** A new task with a fresh id, issued now and worth running for {@code ttl}. */
    public static CheckTask issue(long serviceId, String target, Duration timeout, Instant now, Duration ttl) {
        return issue(serviceId, target, timeout, now, ttl, Pools.DEFAULT);
    }

    /** A new task for {@code pool}'s workers, with a fresh id, issued now and worth running for {@code ttl}. */
    public static CheckTask issue(
            long serviceId, String target, Duration timeout, Instant now, Duration ttl, String pool) {
        return new CheckTask(
                UUID.randomUUID().toString(), serviceId, target, timeout.toMillis(), now, now.plus(ttl), pool);
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
