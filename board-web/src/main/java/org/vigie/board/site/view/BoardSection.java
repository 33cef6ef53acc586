package org.vigie.board.site.view;

import java.util.List;

import org.vigie.board.status.Severity;

/**
 * A group's services on the board; {@code group} null when the board has no groups at all. The summary (worst status,
 * affected, total) covers every service of the group, also those a folded board or a page leaves out of {@code rows}.
 */
public record BoardSection(GroupInfo group, List<BoardRow> rows, StatusInfo worst, int affected, int total) {

    /** A section showing all its services. */
    public static BoardSection of(GroupInfo group, List<BoardRow> rows) {
        return of(group, rows, rows.stream().map(r -> r.service().status()).toList());
    }

    /** A section showing {@code rows} of services whose current statuses are {@code all}. */
    public static BoardSection of(GroupInfo group, List<BoardRow> rows, List<StatusInfo> all) {
        StatusInfo worst = null;
        int affected = 0;
        for (StatusInfo s : all) {
            worst = StatusInfo.worse(worst, s);
            if (s.severity() != Severity.NORMAL) {
                affected++;
            }
        }
        return new BoardSection(group, rows, worst, affected, all.size());
    }

    /** Services of the group the section does not list. */
    public int hidden() {
        return total - rows.size();
    }

    /** An id for the group's toggle, unique on the page. */
    public String key() {
        return group == null || group.id() == null ? "other" : Long.toString(group.id());
    }
}
