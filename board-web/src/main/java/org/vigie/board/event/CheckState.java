package org.vigie.board.event;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.vigie.check.Outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What the checks have concluded so far for one service: the state the next result is compared with. */
@Entity
@Table(name = "check_states")
public class CheckState extends PanacheEntityBase {

    @Id
    public Long serviceId;

    /** The outcome the board shows for the checks; it moves only after enough consecutive results agree. */
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
     * When the service turned Unknown for want of fresh results ({@link Staleness}); null while results come. The
     * next result clears it and decides the status afresh. A service never checked may have a row before any
     * result, its last-check fields then null.
     */
    public Instant unknownSince;
}
