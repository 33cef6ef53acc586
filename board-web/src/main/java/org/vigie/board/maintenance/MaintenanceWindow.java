package org.vigie.board.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A planned maintenance: its services show Maintenance from its start to its end, once or on a repeat rule (each
 * occurrence lasting {@code endsAt - startsAt}); "end now" sets {@link #endedAt}, which ends the occurrence in
 * progress then. Its state follows from the clock ({@link Occurrences}).
 */
@Entity
@Table(name = "maintenance_windows")
public class MaintenanceWindow extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;
    public static final int MESSAGE_MAX = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    public String message;

    public Instant startsAt;

    public Instant endsAt;

    /** Null (once), {@code weekly}, or a 5-field UNIX cron expression. */
    public String repeatRule;

    public Instant endedAt;

    public Instant createdAt;

    @OneToMany(mappedBy = "window", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<MaintenanceService> services = new ArrayList<>();
}
