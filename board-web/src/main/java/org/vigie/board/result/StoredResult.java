package org.vigie.board.result;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.vigie.check.Outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A check result as stored. Written in JDBC batches by {@link ResultStore} (IDENTITY ids would make Hibernate
 * insert row by row); read through Panache.
 */
@Entity
@Table(name = "check_results")
public class StoredResult extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String taskId;

    public Long serviceId;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Column(name = "latency_ms")
    public int latencyMillis;

    public String reason;

    /** What the public may read of it; null for results stored before public reasons. */
    public String publicReason;

    public String workerId;

    public Instant startedAt;

    public Instant finishedAt;

    /** What the probe saw, as a JSON object, for results that were not up. */
    public String evidence;

    public static long countForTask(String taskId) {
        return count("taskId", taskId);
    }
}
