package org.vigie.board.incident;

import java.time.Instant;
import java.util.Comparator;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of an incident's timeline: the state it sets, what the admin says, and when (may be backdated). */
@Entity
@Table(name = "incident_updates")
public class IncidentUpdate extends PanacheEntityBase {

    public static final int MESSAGE_MAX = 2000;

    /** Timeline order: by time, then as written (ids grow). */
    public static final Comparator<IncidentUpdate> ORDER = Comparator.comparing((IncidentUpdate u) -> u.createdAt)
            .thenComparing(u -> u.id == null ? Long.MAX_VALUE : u.id);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "incident_id")
    public Incident incident;

    @Enumerated(EnumType.STRING)
    public IncidentState state;

    public String message;

    public Instant createdAt;
}
