package org.vigie.board.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
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

import org.vigie.board.group.Group;
import org.vigie.board.status.Status;
import org.vigie.check.Pools;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A service the board lists. With a target (connection string) the checks watch it; without one, admins do. */
@Entity
@Table(name = "services")
public class Service extends PanacheEntityBase {

    public static final int DEFAULT_INTERVAL_SECONDS = 60;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Stable name in URLs, made from the name at creation. */
    public String slug;

    public String name;

    public String description;

    /** The group the board shows it in; none: the board's ungrouped list. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id")
    public Group group;

    /** Position within its group on the board; ties are ordered by name. */
    public int displayOrder;

    /** Connection string, {@code scheme://host[:port][/path][?options]}; shown to admins only. */
    public String target;

    /** When the target was set: a service never checked turns Unknown counting from then. Null without a target. */
    public Instant targetSince;

    /** The public sees this service's full check reasons, as admins do; off by default: the public reasons. */
    public boolean fullReasonsPublic;

    @Column(name = "check_interval_s")
    public int checkIntervalSeconds = DEFAULT_INTERVAL_SECONDS;

    /**
     * The pools of workers it is checked from, comma-separated in the admin's order ({@link Pools}): one task per pool
     * and check. Default: the default pool alone.
     */
    public String pools = Pools.DEFAULT;

    /** How many of its pools must agree for Down or Warning ({@code Quorum}); null: a majority. */
    public Integer poolQuorum;

    /**
     * What the checks do about incidents when they turn it Down; null: the board's default ({@code
     * vigie.incidents.draft-on-down}).
     */
    @Enumerated(EnumType.STRING)
    public IncidentsOnDown incidents;

    /** The latest non-informational event's status; null until the first one, meaning the default status. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "status_id")
    public Status status;

    public Instant statusSince;

    public Instant createdAt;

    /** {@link #pools} as a list. */
    public List<String> poolList() {
        return Pools.parseList(pools);
    }

    public static Optional<Service> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** Every service in the board's order: display order, then name, then id (the public board's SQL agrees). */
    public static List<Service> inOrder() {
        return listAll(Sort.by("displayOrder").and("name").and("id"));
    }
}
