package org.vigie.board.event;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;

import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Where a stream of results has got to: the debounced outcome, the counts that move it, the last result. A service's
 * {@link CheckState} and each of its pools' {@link org.vigie.board.pool.PoolState} are one, moved by
 * {@link Transitions} alike.
 */
@MappedSuperclass
public abstract class CheckProgress extends PanacheEntityBase {

    /** The outcome shown for these checks; it moves only after enough consecutive results agree. */
    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    public int consecutiveFailures;

    public int consecutiveSuccesses;

    public String lastTaskId;

    @Enumerated(EnumType.STRING)
    public Outcome lastOutcome;

    public Instant lastCheckedAt;

    /** The dispatcher's issue time of the last result applied, when its worker sent one. */
    public Instant lastIssuedAt;

    @Column(name = "last_latency_ms")
    public int lastLatencyMillis;

    /** The last result's reason, for admins: it may name the target. */
    public String lastReason;

    /** The last result's public reason: what the board shows everyone ({@code CheckResult.publicReason}). */
    public String lastPublicReason;

    /**
     * When these checks turned Unknown for want of fresh results ({@link Staleness}, or a silent pool); null while
     * results come. The next result clears it and decides the outcome afresh. A row may exist before any result, its
     * last-check fields then null.
     */
    public Instant unknownSince;

    /** Takes {@code result} as the last check: what the pages show of it, and what the next result is ordered by. */
    public void recordLast(CheckResult result) {
        lastTaskId = result.taskId();
        lastIssuedAt = result.issuedAt();
        lastOutcome = result.outcome();
        lastCheckedAt = result.finishedAt();
        lastLatencyMillis = (int) Math.min(Integer.MAX_VALUE, result.latencyMillis());
        lastReason = result.reason();
        lastPublicReason = result.publicReason();
    }
}
