package org.vigie.board.site.view;

import java.util.List;

import org.vigie.board.status.Severity;

/** A group's services on the board; {@code group} null when the board has no groups at all. */
public record BoardSection(GroupInfo group, List<BoardRow> rows) {

    /** The worst current status among the rows, what a collapsed group shows; null for an empty group. */
    public StatusInfo worst() {
        StatusInfo worst = null;
        for (BoardRow r : rows) {
            worst = StatusInfo.worse(worst, r.service().status());
        }
        return worst;
    }

    /** Rows whose current status is not a normal one. */
    public int affected() {
        return (int) rows.stream()
                .filter(r -> r.service().status().severity() != Severity.NORMAL)
                .count();
    }

    /** An id for the group's toggle, unique on the page. */
    public String key() {
        return group == null || group.id() == null ? "other" : Long.toString(group.id());
    }
}
