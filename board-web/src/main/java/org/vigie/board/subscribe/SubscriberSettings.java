package org.vigie.board.subscribe;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What admins choose for the board's subscribers; one row, seeded by the migration. */
@Entity
@Table(name = "subscriber_settings")
public class SubscriberSettings extends PanacheEntityBase {

    public static final long ID = 1;

    @Id
    public Long id;

    /**
     * Subscribers are also told of every service's Down, Warning, Unknown and back Up, as the checks find them;
     * off: of incidents and maintenance only.
     */
    public boolean statusChanges;

    public static SubscriberSettings current() {
        return findById(ID);
    }
}
