package org.vigie.board.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A status a service can be in: Up, Warning, Down, Unknown, Maintenance (seeded by the migrations), or one an admin adds. */
@Entity
@Table(name = "statuses")
public class Status extends PanacheEntityBase {

    /** Slugs of the seeded statuses that the checks use. */
    public static final String UP = "up";

    public static final String WARNING = "warning";
    public static final String DOWN = "down";
    /** What the board says when no result has been stored for a checked service for a while. */
    public static final String UNKNOWN = "unknown";
    /** What a service in a scheduled maintenance window shows (org.vigie.board.maintenance). */
    public static final String MAINTENANCE = "maintenance";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    /** Name of a built-in icon. */
    public String image;

    /** The status of a service that has no event yet; exactly one status is the default. */
    @Column(name = "is_default")
    public boolean isDefault;

    public static Optional<Status> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static Status findDefault() {
        return Status.<Status>find("isDefault", true)
                .firstResultOptional()
                .orElseThrow(() ->
                        new IllegalStateException("no default status: the statuses table has none marked default"));
    }

    /**
     * Every status in board order, the one order wherever statuses are listed: least to most severe, then as created.
     * Sorted here because the column holds the severity's name, which sorts alphabetically in SQL.
     */
    public static List<Status> inOrder() {
        List<Status> all = new ArrayList<>(Status.<Status>listAll(Sort.by("id")));
        all.sort(Comparator.comparing(s -> s.severity)); // stable: as created among equals
        return all;
    }
}
