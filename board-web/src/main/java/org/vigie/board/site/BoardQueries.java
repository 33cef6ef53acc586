package org.vigie.board.site;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vigie.board.group.Group;
import org.vigie.board.service.Service;
import org.vigie.board.settings.BoardSettings;
import org.vigie.board.site.history.EventPoint;
import org.vigie.board.site.history.IncidentSpan;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.EventLine;
import org.vigie.board.site.view.GroupInfo;
import org.vigie.board.site.view.HourTotals;
import org.vigie.board.site.view.ServiceLine;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.site.view.Statuses;
import org.vigie.board.status.Status;

/**
 * The public side's reads, each one query whatever the number of services, so a page costs a fixed number of
 * queries. The small tables (settings, statuses, groups) are read through their entities, in their one order; what
 * is per service and large (the services list, events, rollups) is plain SQL over the request's connection, run by
 * {@link #query} and read by column name. Times are UTC (the connection's zone).
 */
public final class BoardQueries {

    /** Most ids in one {@code in (...)} list: one statement for any board this side of 5,000 services. */
    static final int IN_LIST_MAX = 5000;

    /** Which services a query covers: all, one group's, or one. */
    public record Scope(Long groupId, Long serviceId) {
        public static final Scope ALL = new Scope(null, null);

        public static Scope group(long id) {
            return new Scope(id, null);
        }

        public static Scope service(long id) {
            return new Scope(null, id);
        }

        /** A condition on {@code services s}, and its parameter. */
        String onServices() {
            return groupId != null ? " and s.group_id = ?" : serviceId != null ? " and s.id = ?" : "";
        }

        Long parameter() {
            return groupId != null ? groupId : serviceId;
        }
    }

    @FunctionalInterface
    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The last check's reason as the public reads it: the public reason, or the full one for a service whose admin
     * chose so. Every public page, feed and API reads reasons through this class, so through these two expressions.
     */
    static final String PUBLIC_REASON =
            "case when s.full_reasons_public then cs.last_reason else cs.last_public_reason end";

    /** An event's message as the public reads it: a check event's public reason, an admin's message as written. */
    static final String PUBLIC_MESSAGE =
            "case when s.full_reasons_public or e.public_message is null then e.message else e.public_message end";

    private final Connection c;

    /** @param c the request's connection, in the same transaction as the entities' reads */
    public BoardQueries(Connection c) {
        this.c = c;
    }

    public BoardInfo board() {
        return BoardInfo.of(BoardSettings.current());
    }

    public Statuses statuses() {
        return Statuses.of(Status.inOrder().stream().map(StatusInfo::of).toList());
    }

    public List<GroupInfo> groups() {
        return Group.inOrder().stream().map(GroupInfo::of).toList();
    }

    public Optional<GroupInfo> group(String slug) {
        return Group.findBySlug(slug).map(GroupInfo::of);
    }

    public Optional<GroupInfo> group(long id) {
        return Group.<Group>findByIdOptional(id).map(GroupInfo::of);
    }

    /** Ids of the services with these slugs, by slug; slugs that match nothing are absent. */
    public Map<String, Long> serviceIds(List<String> slugs) {
        Map<String, Long> ids = new HashMap<>();
        if (!slugs.isEmpty()) {
            Service.<Service>list("slug in ?1", slugs).forEach(s -> ids.put(s.slug, s.id));
        }
        return ids;
    }

    /**
     * Services in board order (display order, name, then as created), with their current status, last check, the
     * status they were in at {@code windowStart} (when given) and their current event's id (when asked).
     */
    public List<ServiceLine> services(
            Scope scope, String slug, Instant windowStart, boolean currentEvent, Statuses statuses)
            throws SQLException {
        return services(scope, slug, windowStart, currentEvent, statuses, null, 0);
    }

    /**
     * At most {@code limit} services in board order after the service {@code afterId} (null: from the first), with
     * their current event's id: a page of the API's list. Empty when {@code afterId} no longer exists.
     */
    public List<ServiceLine> servicesAfter(Long afterId, int limit, Statuses statuses) throws SQLException {
        return services(Scope.ALL, null, null, true, statuses, afterId, limit);
    }

    /** Whether a service with this id exists: what tells a stale cursor from the end of the list. */
    public boolean serviceExists(long id) throws SQLException {
        boolean[] found = {false};
        query("select 1 from services where id = ?", List.of(id), rs -> found[0] = true);
        return found[0];
    }

    private List<ServiceLine> services(
            Scope scope,
            String slug,
            Instant windowStart,
            boolean currentEvent,
            Statuses statuses,
            Long afterId,
            int limit)
            throws SQLException {
        String start = windowStart == null
                ? "null"
                : "(select e.status_id from events e where e.service_id = s.id and e.informational = false and e.created_at < ? "
                        + "order by e.created_at desc, e.id desc limit 1)";
        String current = !currentEvent
                ? "null"
                : "(select e.id from events e where e.service_id = s.id and e.informational = false "
                        + "order by e.created_at desc, e.id desc limit 1)";
        String sql =
                "select s.id, s.slug, s.name, s.description, s.group_id, s.display_order, s.status_id, s.status_since, "
                        + "s.target is not null as checked, s.created_at, cs.last_checked_at, cs.last_latency_ms, "
                        + PUBLIC_REASON + " as last_reason, "
                        + start + " as start_status_id, " + current + " as current_event_id "
                        + "from services s left join check_states cs on cs.service_id = s.id where 1 = 1"
                        + scope.onServices()
                        + (slug != null ? " and s.slug = ?" : "")
                        // keyset paging in the board's order, the names compared in the table's collation
                        + (afterId != null
                                ? " and (s.display_order, s.name, s.id) > "
                                        + "(select a.display_order, a.name, a.id from services a where a.id = ?)"
                                : "")
                        + " order by s.display_order, s.name, s.id"
                        + (limit > 0 ? " limit " + limit : "");
        List<Object> parameters = new ArrayList<>(3);
        if (windowStart != null) {
            parameters.add(windowStart);
        }
        if (scope.parameter() != null) {
            parameters.add(scope.parameter());
        }
        if (slug != null) {
            parameters.add(slug);
        }
        if (afterId != null) {
            parameters.add(afterId);
        }
        List<ServiceLine> lines = new ArrayList<>();
        query(
                sql,
                parameters,
                rs -> lines.add(new ServiceLine(
                        rs.getLong("id"),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getString("description"),
                        nullableLong(rs, "group_id"),
                        rs.getInt("display_order"),
                        statuses.get(nullableLong(rs, "status_id")),
                        instant(rs, "status_since"),
                        rs.getBoolean("checked"),
                        instant(rs, "created_at"),
                        nullableLong(rs, "start_status_id"),
                        nullableLong(rs, "current_event_id"),
                        instant(rs, "last_checked_at"),
                        nullableInt(rs, "last_latency_ms"),
                        rs.getString("last_reason"))));
        return lines;
    }

    /** The status each of these services was in at {@code windowStart} (its last status event before), by service. */
    public Map<Long, Long> startStatuses(List<Long> serviceIds, Instant windowStart) throws SQLException {
        Map<Long, Long> byService = new HashMap<>();
        for (int from = 0; from < serviceIds.size(); from += IN_LIST_MAX) {
            query(
                    "select s.id, (select e.status_id from events e where e.service_id = s.id and e.informational = "
                            + "false and e.created_at < ? order by e.created_at desc, e.id desc limit 1) as start_status_id "
                            + "from services s where s.id in (?)",
                    List.of(windowStart, serviceIds.subList(from, Math.min(serviceIds.size(), from + IN_LIST_MAX))),
                    rs -> {
                        Long status = nullableLong(rs, "start_status_id");
                        if (status != null) {
                            byService.put(rs.getLong("id"), status);
                        }
                    });
        }
        return byService;
    }

    /**
     * Events since {@code from}, oldest first, by service: the history's input. Filtering on the service ids (an IN
     * list) lets the server range-scan {@code (service_id, created_at)} per service.
     */
    public Map<Long, List<EventPoint>> eventsSince(List<Long> serviceIds, Instant from) throws SQLException {
        Map<Long, List<EventPoint>> byService = new HashMap<>();
        forIds(
                "select e.service_id, e.status_id, e.created_at, e.informational from events e "
                        + "where e.service_id in (?) and e.created_at >= ? order by e.created_at, e.id",
                serviceIds,
                List.of(from),
                rs -> {
                    long service = rs.getLong("service_id");
                    byService
                            .computeIfAbsent(service, k -> new ArrayList<>())
                            .add(new EventPoint(
                                    service,
                                    rs.getLong("status_id"),
                                    utc(rs, "created_at"),
                                    rs.getBoolean("informational")));
                });
        return byService;
    }

    /** Checks and successful (up or warning) checks per service over UTC days from {@code fromDay}: {checks, upOrWarning}. */
    public Map<Long, long[]> uptime(List<Long> serviceIds, LocalDate fromDay) throws SQLException {
        Map<Long, long[]> totals = new HashMap<>();
        forIds(
                "select d.service_id, sum(d.checks) as checks, sum(d.up) + sum(d.warning) as up_or_warning "
                        + "from check_daily d where d.service_id in (?) and d.day >= ? group by d.service_id",
                serviceIds,
                List.of(fromDay),
                rs -> totals.put(
                        rs.getLong("service_id"), new long[] {rs.getLong("checks"), rs.getLong("up_or_warning")}));
        return totals;
    }

    /** Checks and successful checks per service and UTC day from {@code fromDay}: {checks, upOrWarning}. */
    public Map<Long, Map<LocalDate, long[]>> dailyUptime(List<Long> serviceIds, LocalDate fromDay) throws SQLException {
        Map<Long, Map<LocalDate, long[]>> byService = new HashMap<>();
        forIds(
                "select d.service_id, d.day, d.checks, d.up + d.warning as up_or_warning "
                        + "from check_daily d where d.service_id in (?) and d.day >= ?",
                serviceIds,
                List.of(fromDay),
                rs -> byService
                        .computeIfAbsent(rs.getLong("service_id"), k -> new HashMap<>())
                        .put(
                                rs.getObject("day", LocalDate.class),
                                new long[] {rs.getLong("checks"), rs.getLong("up_or_warning")}));
        return byService;
    }

    /** The published incidents that affected these services at some time since {@code from}, by service. */
    public Map<Long, List<IncidentSpan>> incidentSpans(List<Long> serviceIds, Instant from) throws SQLException {
        Map<Long, List<IncidentSpan>> byService = new HashMap<>();
        forIds(
                "select si.service_id, i.title, i.created_at, i.resolved_at from incident_services si "
                        + "join incidents i on i.id = si.incident_id where si.service_id in (?) and i.published "
                        + "and (i.resolved_at is null or i.resolved_at >= ?) order by i.created_at",
                serviceIds,
                List.of(from),
                rs -> byService
                        .computeIfAbsent(rs.getLong("service_id"), k -> new ArrayList<>())
                        .add(new IncidentSpan(rs.getString("title"), utc(rs, "created_at"), utc(rs, "resolved_at"))));
        return byService;
    }

    /** Hourly totals since {@code from} (inclusive) until {@code to} (exclusive), by service, oldest first. */
    public Map<Long, List<HourTotals>> hours(List<Long> serviceIds, Instant from, Instant to) throws SQLException {
        Map<Long, List<HourTotals>> byService = new HashMap<>();
        forIds(
                "select h.service_id, h.hour, h.checks, h.up, h.warning, h.down, h.latency_sum_ms, h.latency_max_ms "
                        + "from check_hourly h where h.service_id in (?) and h.hour >= ? and h.hour < ? order by h.service_id, h.hour",
                serviceIds,
                List.of(from, to),
                rs -> byService
                        .computeIfAbsent(rs.getLong("service_id"), k -> new ArrayList<>())
                        .add(new HourTotals(
                                utc(rs, "hour"),
                                rs.getInt("checks"),
                                rs.getInt("up"),
                                rs.getInt("warning"),
                                rs.getInt("down"),
                                rs.getLong("latency_sum_ms"),
                                rs.getInt("latency_max_ms"))));
        return byService;
    }

    private static final String EVENTS = "select e.id, e.service_id, s.slug, s.name, e.status_id, " + PUBLIC_MESSAGE
            + " as message, e.informational, e.source, e.created_at from events e join services s on s.id = e.service_id ";

    /**
     * One service's events in {@code [from, to)} (either may be null), newest first; {@code limit} rows after
     * {@code offset}.
     */
    public List<EventLine> events(
            long serviceId, Instant from, Instant to, boolean toInclusive, int offset, int limit, Statuses statuses)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(serviceId));
        String sql = EVENTS + "where e.service_id = ?";
        if (from != null) {
            sql += " and e.created_at >= ?";
            parameters.add(from);
        }
        if (to != null) {
            sql += toInclusive ? " and e.created_at <= ?" : " and e.created_at < ?";
            parameters.add(to);
        }
        parameters.add(limit);
        parameters.add(offset);
        return eventLines(sql + " order by e.created_at desc, e.id desc limit ? offset ?", parameters, statuses);
    }

    /** The newest events of the given services (all when null), newest first: the feeds. */
    public List<EventLine> latestEvents(List<Long> serviceIds, int limit, Statuses statuses) throws SQLException {
        if (serviceIds == null) {
            return eventLines(EVENTS + "order by e.created_at desc, e.id desc limit ?", List.of(limit), statuses);
        }
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        return eventLines(
                EVENTS + "where e.service_id in (?) order by e.created_at desc, e.id desc limit ?",
                List.of(serviceIds, limit),
                statuses);
    }

    /** Events by id (a service list's current events): one query. */
    public Map<Long, EventLine> eventsById(List<Long> ids, Statuses statuses) throws SQLException {
        Map<Long, EventLine> byId = new HashMap<>();
        forIds(EVENTS + "where e.id in (?)", ids, List.of(), rs -> {
            EventLine e = eventLine(rs, statuses);
            byId.put(e.id(), e);
        });
        return byId;
    }

    public Optional<EventLine> event(long serviceId, long eventId, Statuses statuses) throws SQLException {
        return eventLines(EVENTS + "where e.id = ? and e.service_id = ?", List.of(eventId, serviceId), statuses)
                .stream()
                .findFirst();
    }

    private List<EventLine> eventLines(String sql, List<?> parameters, Statuses statuses) throws SQLException {
        List<EventLine> events = new ArrayList<>();
        query(sql, parameters, rs -> events.add(eventLine(rs, statuses)));
        return events;
    }

    private static EventLine eventLine(ResultSet rs, Statuses statuses) throws SQLException {
        return new EventLine(
                rs.getLong("id"),
                rs.getLong("service_id"),
                rs.getString("slug"),
                rs.getString("name"),
                statuses.get(rs.getLong("status_id")),
                rs.getString("message"),
                rs.getBoolean("informational"),
                rs.getString("source"),
                instant(rs, "created_at"));
    }

    /** {@link #query} once per {@value #IN_LIST_MAX} ids: {@code sql}'s first {@code ?} is the ids' IN list. */
    private void forIds(String sql, List<Long> ids, List<?> parameters, Row row) throws SQLException {
        for (int from = 0; from < ids.size(); from += IN_LIST_MAX) {
            List<Object> all = new ArrayList<>(parameters.size() + 1);
            all.add(ids.subList(from, Math.min(ids.size(), from + IN_LIST_MAX)));
            all.addAll(parameters);
            query(sql, all, row);
        }
    }

    /**
     * Runs one statement and hands each row to {@code row}, which reads columns by name. The {@code ?} of a
     * collection parameter becomes its IN list ({@code ?, ?, ...}); instants and dates are bound as UTC.
     */
    void query(String sql, List<?> parameters, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(expand(sql, parameters))) {
            int i = 1;
            for (Object p : parameters) {
                if (p instanceof Collection<?> values) {
                    for (Object v : values) {
                        bind(ps, i++, v);
                    }
                } else {
                    bind(ps, i++, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /** {@code sql} with the {@code ?} of each collection parameter repeated once per value. */
    static String expand(String sql, List<?> parameters) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int p = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?' && parameters.get(p++) instanceof Collection<?> values) {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("an empty IN list: " + sql);
                }
                out.append("?, ".repeat(values.size() - 1)).append('?');
            } else {
                out.append(ch);
            }
        }
        if (p != parameters.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters for " + p + " marks: " + sql);
        }
        return out.toString();
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case Instant t -> ps.setTimestamp(index, Timestamp.from(t));
            case LocalDate d -> ps.setDate(index, Date.valueOf(d));
            default -> ps.setObject(index, value);
        }
    }

    /** A DATETIME holding UTC, read without the driver's calendar conversions (the hot paths read tens of thousands). */
    private static Instant utc(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
