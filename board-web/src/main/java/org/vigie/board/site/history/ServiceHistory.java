package org.vigie.board.site.history;

import java.util.List;

import org.vigie.board.site.view.StatusInfo;

/**
 * What the board shows of one service's past: the past days newest first, today's worst status, and the share of
 * the window it was up (null: nothing to tell).
 */
public record ServiceHistory(List<DayCell> pastDays, StatusInfo todayWorst, boolean notesToday, Double eventUptime) {

    /** Today had a status worse than the one the service is in now: the marker on Current. */
    public boolean troubleSince(StatusInfo current) {
        return todayWorst != null && current != null && todayWorst.severity().compareTo(current.severity()) > 0;
    }
}
