package org.vigie.board.settings;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What admins set for the whole board; one row, seeded by the migrations. */
@Entity
@Table(name = "board_settings")
public class BoardSettings extends PanacheEntityBase {

    /** The one row's id. */
    public static final long ID = 1;

    @Id
    public Long id;

    /** The board's title on every page and feed. */
    public String name;

    /** Shown in the header when set. */
    public String logoUrl;

    /** Where the "report an issue" link points, when set. */
    public String reportUrl;

    /** How many past days the board's history shows. */
    public int historyDays;

    /** IANA zone: times are shown in it unless the visitor picks another. */
    public String timeZone;

    /** {@code #rrggbb}: the header's rule, focus rings and charts; null keeps Vigie's blue. */
    public String accentColor;

    /** The footer's links, one {@code Label | https://...} per line; null for none. */
    public String footerLinks;

    public static BoardSettings current() {
        return findById(ID);
    }
}
