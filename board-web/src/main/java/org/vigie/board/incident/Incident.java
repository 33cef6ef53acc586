package org.vigie.board.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Trouble an admin explains to visitors: a title, an impact, the services it affects and a timeline of updates. Its
 * state, start and end follow from the timeline ({@link #recompute()}).
 */
@Entity
@Table(name = "incidents")
public class Incident extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    @Enumerated(EnumType.STRING)
    public Impact impact;

    @Enumerated(EnumType.STRING)
    public IncidentState state;

    /** False for a draft: only admins see it. */
    public boolean published;

    public Instant createdAt;

    public Instant resolvedAt;

    @OneToMany(mappedBy = "incident", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<IncidentService> services = new ArrayList<>();

    @OneToMany(mappedBy = "incident", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    public List<IncidentUpdate> updates = new ArrayList<>();

    /** The latest update (by time, then id) sets the state; the earliest one the start; a resolving latest the end. */
    public void recompute() {
        IncidentUpdate first = null;
        IncidentUpdate last = null;
        for (IncidentUpdate u : updates) {
            if (first == null || IncidentUpdate.ORDER.compare(u, first) < 0) {
                first = u;
            }
            if (last == null || IncidentUpdate.ORDER.compare(u, last) > 0) {
                last = u;
            }
        }
        if (last == null) {
            return;
        }
        state = last.state;
        createdAt = first.createdAt;
        resolvedAt = last.state == IncidentState.RESOLVED ? last.createdAt : null;
    }

    public boolean open() {
        return state != IncidentState.RESOLVED;
    }
}
