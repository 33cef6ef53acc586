package org.vigie.board.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vigie.board.site.history.EventPoint;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.EventLine;
import org.vigie.board.site.view.GroupInfo;
import org.vigie.board.site.view.HourTotals;
import org.vigie.board.site.view.ServiceLine;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.site.view.Statuses;
import org.vigie.board.status.Severity;

/**
 * The public side's reads, in plain SQL over one connection: each method is one query, whatever the number of
 * services, so a page costs a fixed number of queries. Times are UTC (the connection's zone).
 */
public final class BoardQueries {

    /** Which services a query covers: all, one group's, or one. */
    public record Scope(Long groupId, Long serviceId) {
        public static final Scope ALL = new Scope(null, null);

        public static Scope group(long id) {
            return new Scope(id, null);
        }

        public static Scope service(long id) {
            return new Scope(null, id);
        }

        /** A condition on {@code services s}. */
        String onServices() {
            return groupId != null ? " and s.group_id = ?" : serviceId != null ? " and s.id = ?" : "";
        }

        int bind(PreparedStatement ps, int index) throws SQLException {
            if (groupId != null) {
                ps.setLong(index++, groupId);
            } else if (serviceId != null) {
                ps.setLong(index++, serviceId);
            }
            return index;
        }
    }

    private final Connection c;

    public BoardQueries(Connection c) {
        this.c = c;
    }

    public BoardInfo board() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select name, logo_url, report_url, history_days, time_zone from board_settings where id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new BoardInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5))
                    : BoardInfo.DEFAULTS;
        }
    }

    public Statuses statuses() throws SQLException {
        List<StatusInfo> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, slug, name, description, severity, image, is_default from statuses order by id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new StatusInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        severity(rs.getString(5)), rs.getString(6), rs.getBoolean(7)));
            }
        }
        return Statuses.of(all);
    }

    public List<GroupInfo> groups() throws SQLException {
        List<GroupInfo> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, slug, name, description, display_order from service_groups order by display_order, name, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                groups.add(new GroupInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
            }
        }
        return groups;
    }

    public Optional<GroupInfo> group(String slug) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id, slug, name, description, display_order from service_groups where slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new GroupInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Services in board order (display order, then name), with their current status, last check, the status they
     * were in at {@code windowStart} (when given) and their current event's id (when asked).
     */
    public List<ServiceLine> services(Scope scope, String slug, Instant windowStart, boolean currentEvent, Statuses statuses)
            throws SQLException {
        String start = windowStart == null ? "null"
                : "(select e.status_id from events e where e.service_id = s.id and e.informational = false and e.created_at < ? "
                        + "order by e.created_at desc, e.id desc limit 1)";
        String current = !currentEvent ? "null"
                : "(select e.id from events e where e.service_id = s.id and e.informational = false "
                        + "order by e.created_at desc, e.id desc limit 1)";
        String sql = "select s.id, s.slug, s.name, s.description, s.group_id, s.display_order, s.status_id, s.status_since, "
                + "s.target is not null, s.created_at, cs.last_checked_at, cs.last_latency_ms, cs.last_reason, " + start + ", "
                + current + " from services s left join check_states cs on cs.service_id = s.id where 1 = 1" + scope.onServices()
                + (slug != null ? " and s.slug = ?" : "") + " order by s.display_order, s.name, s.id";
        List<ServiceLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (windowStart != null) {
                ps.setTimestamp(i++, Timestamp.from(windowStart));
            }
            i = scope.bind(ps, i);
            if (slug != null) {
                ps.setString(i, slug);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new ServiceLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            nullableLong(rs, 5), rs.getInt(6), statuses.get(nullableLong(rs, 7)), instant(rs, 8),
                            rs.getBoolean(9), instant(rs, 10), nullableLong(rs, 14), nullableLong(rs, 15), instant(rs, 11),
                            nullableInt(rs, 12), rs.getString(13)));
                }
            }
        }
        return lines;
    }

    /**
     * Events since {@code from}, oldest first, by service: the history's input. Filtering on the service ids (an IN
     * list) lets the server range-scan {@code (service_id, created_at)} per service.
     */
    public Map<Long, List<EventPoint>> eventsSince(List<Long> serviceIds, Instant from) throws SQLException {
        Map<Long, List<EventPoint>> byService = new HashMap<>();
        for (List<Long> chunk : chunks(serviceIds)) {
            try (PreparedStatement ps = c.prepareStatement("select e.service_id, e.status_id, e.created_at, e.informational "
                    + "from events e where e.service_id in (" + marks(chunk.size()) + ") and e.created_at >= ? "
                    + "order by e.created_at, e.id")) {
                int i = bindIds(ps, chunk);
                ps.setTimestamp(i, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long service = rs.getLong(1);
                        byService.computeIfAbsent(service, k -> new ArrayList<>())
                                .add(new EventPoint(service, rs.getLong(2), utc(rs, 3), rs.getBoolean(4)));
                    }
                }
            }
        }
        return byService;
    }

    /** Checks and successful (up or warning) checks per service over UTC days from {@code fromDay}: {checks, upOrWarning}. */
    public Map<Long, long[]> uptime(List<Long> serviceIds, LocalDate fromDay) throws SQLException {
        Map<Long, long[]> totals = new HashMap<>();
        for (List<Long> chunk : chunks(serviceIds)) {
            try (PreparedStatement ps = c.prepareStatement("select d.service_id, sum(d.checks), sum(d.up) + sum(d.warning) "
                    + "from check_daily d where d.service_id in (" + marks(chunk.size()) + ") and d.day >= ? group by d.service_id")) {
                int i = bindIds(ps, chunk);
                ps.setObject(i, java.sql.Date.valueOf(fromDay));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        totals.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
        }
        return totals;
    }

    /** Hourly totals since {@code from} (inclusive) until {@code to} (exclusive), by service, oldest first. */
    public Map<Long, List<HourTotals>> hours(List<Long> serviceIds, Instant from, Instant to) throws SQLException {
        Map<Long, List<HourTotals>> byService = new HashMap<>();
        for (List<Long> chunk : chunks(serviceIds)) {
            try (PreparedStatement ps = c.prepareStatement("select h.service_id, h.hour, h.checks, h.up, h.warning, h.down, "
                    + "h.latency_sum_ms, h.latency_max_ms from check_hourly h where h.service_id in (" + marks(chunk.size())
                    + ") and h.hour >= ? and h.hour < ? order by h.service_id, h.hour")) {
                int i = bindIds(ps, chunk);
                ps.setTimestamp(i++, Timestamp.from(from));
                ps.setTimestamp(i, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byService.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new HourTotals(utc(rs, 2),
                                rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getLong(7), rs.getInt(8)));
                    }
                }
            }
        }
        return byService;
    }

    /** Up to 5,000 ids per statement: one query for any board this side of 5,000 services. */
    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 5000) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + 5000)));
        }
        return chunks;
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }

    private static int bindIds(PreparedStatement ps, List<Long> ids) throws SQLException {
        int i = 1;
        for (Long id : ids) {
            ps.setLong(i++, id);
        }
        return i;
    }

    /** A DATETIME holding UTC, read without the driver's calendar conversions (the hot paths read tens of thousands). */
    private static Instant utc(ResultSet rs, int column) throws SQLException {
        java.time.LocalDateTime t = rs.getObject(column, java.time.LocalDateTime.class);
        return t == null ? null : t.toInstant(java.time.ZoneOffset.UTC);
    }

    /** Ids of the services with these slugs, by slug; slugs that match nothing are absent. */
    public Map<String, Long> serviceIds(List<String> slugs) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        if (slugs.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("select id, slug from services where slug in (" + marks(slugs.size()) + ")")) {
            for (int i = 0; i < slugs.size(); i++) {
                ps.setString(i + 1, slugs.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static final String EVENT_COLUMNS = "select e.id, e.service_id, s.slug, s.name, e.status_id, e.message, "
            + "e.informational, e.source, e.created_at from events e join services s on s.id = e.service_id ";

    /**
     * One service's events in {@code [from, to)} (either may be null), newest first; {@code limit} rows after
     * {@code offset}.
     */
    public List<EventLine> events(long serviceId, Instant from, Instant to, boolean toInclusive, int offset, int limit,
            Statuses statuses) throws SQLException {
        String sql = EVENT_COLUMNS + "where e.service_id = ?" + (from != null ? " and e.created_at >= ?" : "")
                + (to != null ? (toInclusive ? " and e.created_at <= ?" : " and e.created_at < ?") : "")
                + " order by e.created_at desc, e.id desc limit ? offset ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, serviceId);
            if (from != null) {
                ps.setTimestamp(i++, Timestamp.from(from));
            }
            if (to != null) {
                ps.setTimestamp(i++, Timestamp.from(to));
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            return eventLines(ps, statuses);
        }
    }

    /** The newest events of the given services (all when null), newest first: the feeds. */
    public List<EventLine> latestEvents(List<Long> serviceIds, int limit, Statuses statuses) throws SQLException {
        if (serviceIds != null && serviceIds.isEmpty()) {
            return List.of();
        }
        String in = serviceIds == null ? "" : "where e.service_id in (" + "?,".repeat(serviceIds.size() - 1) + "?) ";
        try (PreparedStatement ps = c.prepareStatement(EVENT_COLUMNS + in + "order by e.created_at desc, e.id desc limit ?")) {
            int i = 1;
            if (serviceIds != null) {
                for (Long id : serviceIds) {
                    ps.setLong(i++, id);
                }
            }
            ps.setInt(i, limit);
            return eventLines(ps, statuses);
        }
    }

    /** Events by id (a service list's current events): one query. */
    public Map<Long, EventLine> eventsById(List<Long> ids, Statuses statuses) throws SQLException {
        Map<Long, EventLine> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        for (int from = 0; from < ids.size(); from += 1000) { // a bounded IN list; one query up to 1,000 services
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            try (PreparedStatement ps = c.prepareStatement(EVENT_COLUMNS + "where e.id in (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                eventLines(ps, statuses).forEach(e -> byId.put(e.id(), e));
            }
        }
        return byId;
    }

    public Optional<EventLine> event(long serviceId, long eventId, Statuses statuses) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EVENT_COLUMNS + "where e.id = ? and e.service_id = ?")) {
            ps.setLong(1, eventId);
            ps.setLong(2, serviceId);
            return eventLines(ps, statuses).stream().findFirst();
        }
    }

    private static List<EventLine> eventLines(PreparedStatement ps, Statuses statuses) throws SQLException {
        List<EventLine> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new EventLine(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        statuses.get(rs.getLong(5)), rs.getString(6), rs.getBoolean(7), rs.getString(8), instant(rs, 9)));
            }
        }
        return events;
    }

    private static Severity severity(String name) {
        try {
            return Severity.valueOf(name);
        } catch (RuntimeException e) {
            return Severity.NORMAL;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
