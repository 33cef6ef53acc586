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
 */
public record CheckTask(String taskId, long serviceId, String target, long timeoutMillis, Instant issuedAt, Instant expiresAt) {

    public CheckTask {
        requireText(taskId, "taskId");
        requireText(target, "target");
        Objects.requireNonNull(issuedAt, "issuedAt is missing");
        Objects.requireNonNull(expiresAt, "expiresAt is missing");
        if (serviceId <= 0) {
            throw new IllegalArgumentException("serviceId must be positive, got " + serviceId);
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, got " + timeoutMillis);
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /** A new task with a fresh id, issued now and worth running for {@code ttl}. */
    public static CheckTask issue(long serviceId, String target, Duration timeout, Instant now, Duration ttl) {
        return new CheckTask(UUID.randomUUID().toString(), serviceId, target, timeout.toMillis(), now, now.plus(ttl));
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
