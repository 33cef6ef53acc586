package org.vigie.board.group;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A group of services the board shows together ("service list" in stashboard's words). */
@Entity
@Table(name = "service_groups")
public class Group extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    public String name;

    public String description;

    public int displayOrder;

    public static Optional<Group> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** Every group in board order, the one order wherever groups are listed: display order, name, then as created. */
    public static List<Group> inOrder() {
        return listAll(Sort.by("displayOrder").and("name").and("id"));
    }
}
