package org.vigie.board.site.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.status.Severity;

/**
 * Turns one service's events into its history, in the visitor's days. Pure: no database, no clock.
 *
 * <p>The service starts the window in the status of its last status event before the window (or the default
 * status from its creation on), and every status event moves it. A day's cell is the worst status (by severity)
 * the service was in at any moment of that day, so a status that lasted carries over: a service down since three
 * days ago is Down on each following day (stashboard issue 45). Informational events (notes) mark the day but
 * never change the status. Unknown time (no fresh check result) shows as Unknown where it is the worst of the day and
 * is left out of the uptime.
 */
public final class HistoryBuilder {

    private final ZoneId zone;
    private final LocalDate today;
    private final int days;
    private final Instant now;
    private final Map<Long, StatusInfo> statuses;
    private final StatusInfo defaultStatus;
    private final Instant[] dayStarts;

    /**
     * @param days how many past days (yesterday and before); today is computed too
     */
    public HistoryBuilder(
            ZoneId zone, Instant now, int days, Map<Long, StatusInfo> statuses, StatusInfo defaultStatus) {
        this.zone = zone;
        this.now = now;
        this.today = LocalDate.ofInstant(now, zone);
        this.days = days;
        this.statuses = statuses;
        this.defaultStatus = defaultStatus;
        this.dayStarts = new Instant[days + 2];
        for (int i = 0; i <= days + 1; i++) { // dayStarts[i]: start of (today - days + i); the last one is tomorrow
            dayStarts[i] = today.minusDays(days - i).atStartOfDay(zone).toInstant();
        }
    }

    /** Where the window opens: the start of the oldest past day, in the visitor's zone. */
    public Instant windowStart() {
        return dayStarts[0];
    }

    public LocalDate today() {
        return today;
    }

    /** The past days, newest first, as the board's columns. */
    public List<LocalDate> pastDays() {
        List<LocalDate> list = new ArrayList<>(days);
        for (int i = 1; i <= days; i++) {
            list.add(today.minusDays(i));
        }
        return list;
    }

    /**
     * @param startStatusId the status of the last status event before the window, null when there is none
     * @param createdAt     when the service was added: before that, and before any event, there is no data
     * @param events        the service's events in the window, oldest first
     */
    public ServiceHistory build(Long startStatusId, Instant createdAt, List<EventPoint> events) {
        StatusInfo state = startStatusId == null ? null : statuses.getOrDefault(startStatusId, defaultStatus);
        boolean known = state != null;
        Instant begin = known ? dayStarts[0] : null; // when the timeline starts, for the uptime
        long upMillis = 0;
        long knownMillis = 0;
        Instant last = begin;

        StatusInfo[] worst = new StatusInfo[days + 1];
        boolean[] notes = new boolean[days + 1];
        int e = 0;
        for (int d = 0; d <= days; d++) {
            Instant dayStart = dayStarts[d];
            Instant dayEnd = dayStarts[d + 1];
            if (!known && createdAt != null && createdAt.isBefore(dayEnd)) {
                // no status event before this day: the service had the default status since its creation
                boolean eventFirst = e < events.size()
                        && events.get(e).at().isBefore(createdAt)
                        && events.get(e).at().isBefore(dayEnd);
                if (!eventFirst) {
                    known = true;
                    state = defaultStatus;
                    last = max(createdAt, dayStart);
                }
            }
            StatusInfo dayWorst = known ? state : null;
            for (; e < events.size() && events.get(e).at().isBefore(dayEnd); e++) {
                EventPoint ev = events.get(e);
                if (ev.informational()) {
                    notes[d] = true;
                    continue;
                }
                StatusInfo next = statuses.getOrDefault(ev.statusId(), defaultStatus);
                Instant at = max(ev.at(), dayStarts[0]);
                if (known && counts(state)) {
                    long span = Math.max(0, at.toEpochMilli() - last.toEpochMilli());
                    knownMillis += span;
                    upMillis += isUp(state) ? span : 0;
                }
                known = true;
                last = at;
                state = next;
                dayWorst = StatusInfo.worse(dayWorst, next);
            }
            worst[d] = dayWorst;
        }
        if (known && last != null && now.isAfter(last) && counts(state)) {
            long span = now.toEpochMilli() - last.toEpochMilli();
            knownMillis += span;
            upMillis += isUp(state) ? span : 0;
        }

        List<DayCell> past = new ArrayList<>(days);
        for (int d = 0; d < days; d++) {
            past.add(new DayCell(today.minusDays(days - d), worst[d], notes[d]));
        }
        Collections.reverse(past);
        boolean anyEvent = startStatusId != null || events.stream().anyMatch(ev -> !ev.informational());
        Double uptime = anyEvent && knownMillis > 0 ? (double) upMillis / knownMillis : null;
        return new ServiceHistory(past, worst[days], notes[days], uptime);
    }

    /** Up for the uptime: normal or degraded (warning) but reachable, as the check rollups count it. */
    static boolean isUp(StatusInfo status) {
        return counts(status) && status.severity().compareTo(Severity.WARNING) <= 0;
    }

    /**
     * Whether time in this status counts in the uptime at all: Unknown time (and Maintenance, of the same severity) is
     * neither up nor down (the rollups have no results for it either), so it is left out of the share.
     */
    static boolean counts(StatusInfo status) {
        return status != null && status.severity() != Severity.UNKNOWN;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
