package org.vigie.board.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.site.BoardQueries.Scope;
import org.vigie.board.site.history.DayCell;
import org.vigie.board.site.history.EventPoint;
import org.vigie.board.site.history.HistoryBuilder;
import org.vigie.board.site.history.IncidentSpan;
import org.vigie.board.site.history.ServiceHistory;
import org.vigie.board.site.i18n.Msg;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.BoardRow;
import org.vigie.board.site.view.BoardSection;
import org.vigie.board.site.view.Chart;
import org.vigie.board.site.view.DayUptime;
import org.vigie.board.site.view.GroupInfo;
import org.vigie.board.site.view.Headline;
import org.vigie.board.site.view.HourTotals;
import org.vigie.board.site.view.Html;
import org.vigie.board.site.view.ServiceLine;
import org.vigie.board.site.view.Sparkline;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.site.view.Statuses;
import org.vigie.board.site.view.SummaryLine;
import org.vigie.board.status.Severity;

import io.quarkus.qute.RawString;

/**
 * Builds what the public pages show from {@link BoardQueries}: the board (history, uptime, sparklines), the
 * summary, a service's charts. A board page costs seven queries whatever the number of services and days.
 */
@ApplicationScoped
public class PublicBoard {

    /** Hours a sparkline covers. */
    public static final int SPARKLINE_HOURS = 24;

    private final DataSource dataSource;
    private final Clock clock;
    private final BoardConfig config;

    public PublicBoard(DataSource dataSource, Clock clock, BoardConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(BoardQueries queries) throws SQLException;
    }

    /**
     * One transaction: the entities' reads and the hand-written queries share its connection and see the same
     * snapshot of the board.
     */
    @Transactional
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(new BoardQueries(c));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the board failed: " + e.getMessage(), e);
        }
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * What a board page asks for: the whole board or one group ({@code only}), a page of it, or the services a search
     * names ({@code search}, null for none).
     */
    public record View(GroupInfo only, int page, String search) {

        public static final View WHOLE = new View(null, 1, null);
    }

    /**
     * The board, or one group of it: what {@code /} and {@code /service-lists/{slug}} show.
     *
     * @param serviceCount  every service in scope (the board's or the group's)
     * @param current       the current status of each of them, for the headline
     * @param folded        the board is too big to list: groups show their summary and only the services in trouble
     * @param troubled      services in trouble in scope (folded boards list at most {@code vigie.board.troubled-shown})
     * @param search        the visitor's search, or null
     * @param matches       services the search names
     * @param page          the page shown (group pages and searches), from 1
     * @param pages         how many pages there are
     */
    public record Board(
            List<LocalDate> days,
            List<String> dayHeaders,
            List<BoardSection> sections,
            int serviceCount,
            Instant now,
            List<StatusInfo> current,
            boolean folded,
            int troubled,
            int listed,
            String search,
            int matches,
            int page,
            int pages) {

        /** Columns of a board row: name, current, uptime, sparkline and the days. */
        public int columns() {
            return days.size() + 4;
        }

        /** How many day bars a narrow screen showing at most {@code most} of them shows. */
        public int shownDays(int most) {
            return Math.min(most, days.size());
        }

        /** The headline over the services in scope and the open incidents shown with them. */
        public Headline headline(List<IncidentView> openIncidents) {
            return Headline.of(current, openIncidents);
        }

        /** The link to another page of this list (a group's page or a search). */
        public String pageUrl(int n) {
            String query = search == null ? "" : "q=" + URLEncoder.encode(search, StandardCharsets.UTF_8) + "&";
            return "?" + query + "page=" + n;
        }

        /** Whether the page offers a search: boards past a screenful, or a search under way. */
        public boolean searchable() {
            return serviceCount > 20 || search != null;
        }
    }

    public Board board(BoardQueries q, BoardInfo info, Statuses statuses, Visitor visitor, View view)
            throws SQLException {
        Instant now = now();
        int days = info.days();
        HistoryBuilder history =
                new HistoryBuilder(visitor.zone(), now, days, statuses.byId(), statuses.defaultStatus());
        GroupInfo only = view.only();
        Scope scope = only == null ? Scope.ALL : Scope.group(only.id());
        Instant windowStart = history.windowStart();

        List<GroupInfo> groups = only == null ? q.groups() : List.of(only);
        // every service in scope, cheaply (no history): what the headline and the groups' summaries count
        List<ServiceLine> all = q.services(scope, null, null, false, statuses);
        List<StatusInfo> current = all.stream().map(ServiceLine::status).toList();
        List<ServiceLine> troubled = all.stream()
                .filter(s -> s.status().severity() != Severity.NORMAL)
                .toList();
        int perPage = Math.max(1, config.servicesPerPage());
        boolean folded = false;
        int matches = 0;
        int page = Math.max(1, view.page());
        int pages = 1;
        List<ServiceLine> listed;
        if (view.search() != null) {
            String words = view.search().toLowerCase(Locale.ROOT);
            List<ServiceLine> found = all.stream().filter(s -> s.matches(words)).toList();
            matches = found.size();
            pages = Math.max(1, (matches + perPage - 1) / perPage);
            listed = slice(found, page, perPage);
        } else if (only != null) {
            pages = Math.max(1, (all.size() + perPage - 1) / perPage);
            listed = slice(all, page, perPage);
        } else if (all.size() > config.fullBoardUpTo()) {
            folded = true;
            listed = troubled.subList(0, Math.min(troubled.size(), Math.max(0, config.troubledShown())));
        } else {
            listed = all;
        }
        List<ServiceLine> services = new ArrayList<>(listed.size());
        Map<Long, Long> starts =
                q.startStatuses(listed.stream().map(ServiceLine::id).toList(), windowStart);
        listed.forEach(s -> services.add(s.withStartStatus(starts.get(s.id()))));

        List<Long> ids = services.stream().map(ServiceLine::id).toList();
        Map<Long, List<EventPoint>> events = q.eventsSince(ids, windowStart);
        LocalDate firstUtcDay = LocalDate.ofInstant(windowStart, ZoneOffset.UTC);
        Map<Long, Map<LocalDate, long[]>> daily = q.dailyUptime(ids, firstUtcDay);
        Map<Long, List<IncidentSpan>> incidents = q.incidentSpans(ids, windowStart);
        Instant sparkEnd = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant sparkStart = sparkEnd.minus(SPARKLINE_HOURS, ChronoUnit.HOURS);
        Map<Long, List<HourTotals>> hours = q.hours(ids, sparkStart, sparkEnd);

        DayCells cells = new DayCells(visitor, history.pastDays(), now);
        Map<Long, List<BoardRow>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.put(g.id(), new ArrayList<>()));
        List<BoardRow> ungrouped = new ArrayList<>();
        for (ServiceLine s : services) {
            ServiceHistory h = history.build(s.startStatusId(), s.createdAt(), events.getOrDefault(s.id(), List.of()));
            Map<LocalDate, long[]> dayTotals = daily.getOrDefault(s.id(), Map.of());
            String uptimeText = uptimeText(sum(dayTotals), h.eventUptime(), visitor.locale());
            BoardRow row = new BoardRow(
                    s,
                    h.troubleSince(s.status()),
                    uptimeText,
                    sparkline(hours.getOrDefault(s.id(), List.of()), sparkStart, visitor),
                    cells.row(s, h, dayTotals, incidents.getOrDefault(s.id(), List.of())));
            List<BoardRow> target = s.groupId() == null ? null : byGroup.get(s.groupId());
            (target == null ? ungrouped : target).add(row);
        }
        Map<Long, List<StatusInfo>> statusesByGroup = new HashMap<>();
        for (ServiceLine s : all) {
            Long key = s.groupId() == null || !byGroup.containsKey(s.groupId()) ? -1L : s.groupId();
            statusesByGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(s.status());
        }
        List<BoardSection> sections = new ArrayList<>();
        for (GroupInfo g : groups) {
            List<BoardRow> rows = byGroup.get(g.id());
            List<StatusInfo> inGroup = statusesByGroup.getOrDefault(g.id(), List.of());
            // a folded board keeps every group's summary line; otherwise a group shows when it lists something
            if (!rows.isEmpty() || only != null || (folded && !inGroup.isEmpty())) {
                sections.add(BoardSection.of(g, rows, only != null || folded ? inGroup : statusesOf(rows)));
            }
        }
        List<StatusInfo> others = statusesByGroup.getOrDefault(-1L, List.of());
        if (!ungrouped.isEmpty() || (folded && !others.isEmpty())) {
            sections.add(BoardSection.of(
                    sections.isEmpty()
                            ? null
                            : new GroupInfo(null, null, visitor.msg().other_services(), "", Integer.MAX_VALUE),
                    ungrouped,
                    folded ? others : statusesOf(ungrouped)));
        }
        List<String> headers =
                history.pastDays().stream().map(visitor::dayHeader).toList();
        return new Board(
                history.pastDays(),
                headers,
                sections,
                all.size(),
                now,
                current,
                folded,
                troubled.size(),
                services.size(),
                view.search(),
                matches,
                page,
                pages);
    }

    private static List<StatusInfo> statusesOf(List<BoardRow> rows) {
        return rows.stream().map(r -> r.service().status()).toList();
    }

    private static <T> List<T> slice(List<T> list, int page, int perPage) {
        int from = Math.min(list.size(), (page - 1) * perPage);
        return list.subList(from, Math.min(list.size(), from + perPage));
    }

    private static long[] sum(Map<LocalDate, long[]> days) {
        long[] total = new long[2];
        days.values().forEach(d -> {
            total[0] += d[0];
            total[1] += d[1];
        });
        return total;
    }

    /** Each group's worst current status, worst first (by severity, never by name); then the board's order. */
    public List<SummaryLine> summary(BoardQueries q, Statuses statuses, Visitor visitor) throws SQLException {
        List<GroupInfo> groups = q.groups();
        List<ServiceLine> services = q.services(Scope.ALL, null, null, false, statuses);
        Map<Long, List<ServiceLine>> byGroup = new HashMap<>();
        for (ServiceLine s : services) {
            byGroup.computeIfAbsent(s.groupId() == null ? -1L : s.groupId(), k -> new ArrayList<>())
                    .add(s);
        }
        List<SummaryLine> lines = new ArrayList<>();
        for (GroupInfo g : groups) {
            lines.add(summaryLine(g, byGroup.getOrDefault(g.id(), List.of()), statuses));
        }
        if (byGroup.containsKey(-1L)) {
            lines.add(summaryLine(
                    new GroupInfo(null, null, visitor.msg().other_services(), "", Integer.MAX_VALUE),
                    byGroup.get(-1L),
                    statuses));
        }
        List<SummaryLine> ranked = new ArrayList<>(lines);
        ranked.sort((a, b) -> b.worst().severity().compareTo(a.worst().severity())); // stable: board order among equals
        return ranked;
    }

    private static SummaryLine summaryLine(GroupInfo g, List<ServiceLine> services, Statuses statuses) {
        // the same count a folded board's group line shows
        BoardSection counted = BoardSection.of(
                g, List.of(), services.stream().map(ServiceLine::status).toList());
        return new SummaryLine(
                g,
                counted.worst() == null ? statuses.defaultStatus() : counted.worst(),
                counted.affected(),
                counted.total());
    }

    /**
     * A service page's response-time charts (the period's last 48 hours by hour, the whole period by day) and its
     * per-day uptime; {@code byDay} null when the period is a single day.
     */
    public record Charts(
            Chart byHour, Chart byDay, boolean hasData, String caption, List<DayUptime> days, String uptime) {}

    /** Hours the by-hour chart covers. */
    static final int CHART_HOURS = 48;

    public Charts charts(BoardQueries q, ServiceLine service, Visitor visitor, Instant from, Instant to)
            throws SQLException {
        Msg msg = visitor.msg();
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        List<HourTotals> rows = q.hours(List.of(service.id()), start, to).getOrDefault(service.id(), List.of());
        Instant hourStart = to.minusNanos(1).truncatedTo(ChronoUnit.HOURS).minus(CHART_HOURS - 1, ChronoUnit.HOURS);
        if (hourStart.isBefore(start)) {
            hourStart = start;
        }
        int hourPoints = (int) (ChronoUnit.HOURS.between(hourStart, to.minusNanos(1)) + 1);
        Double[] byHour = new Double[hourPoints];
        Map<LocalDate, long[]> perDay = new HashMap<>(); // checks, up or warning, latency sum
        long allChecks = 0;
        long allUp = 0;
        for (HourTotals h : rows) {
            int i = (int) ChronoUnit.HOURS.between(hourStart, h.hour());
            if (i >= 0 && i < hourPoints && h.checks() > 0) {
                byHour[i] = (double) h.latencySum() / h.checks();
            }
            long[] d = perDay.computeIfAbsent(LocalDate.ofInstant(h.hour(), visitor.zone()), k -> new long[3]);
            d[0] += h.checks();
            d[1] += h.up() + h.warning();
            d[2] += h.latencySum();
            allChecks += h.checks();
            allUp += h.up() + h.warning();
        }
        String caption = msg.chart_caption(visitor.shortTime(start), visitor.shortTime(to));

        List<DayUptime> days = new ArrayList<>();
        List<Double> byDay = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(from, visitor.zone());
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), visitor.zone());
        for (LocalDate d = last; !d.isBefore(first); d = d.minusDays(1)) {
            long[] t = perDay.get(d);
            String href = "/services/" + service.slug() + "/" + d.toString().replace('-', '/');
            days.add(new DayUptime(
                    d,
                    visitor.longDay(d),
                    href,
                    t == null ? "—" : percent(t[1], t[0], visitor.locale()),
                    t == null ? 0 : (int) t[0],
                    t == null || t[0] == 0 ? "—" : Formats.latency((int) (t[2] / t[0]))));
            byDay.add(0, t == null || t[0] == 0 ? null : (double) t[2] / t[0]);
        }
        Chart hours = Chart.of(
                Arrays.asList(byHour), msg.response_time_hours(), visitor.shortTime(hourStart), visitor.shortTime(to));
        Chart daily = byDay.size() < 2
                ? null
                : Chart.of(byDay, msg.response_time_days(), visitor.dayLabel(first), visitor.dayLabel(last));
        return new Charts(
                hours,
                daily,
                allChecks > 0,
                caption,
                days,
                allChecks == 0 ? "—" : percent(allUp, allChecks, visitor.locale()));
    }

    static String uptimeText(long[] rollup, Double fromEvents, Locale locale) {
        if (rollup != null && rollup[0] > 0) {
            return percent(rollup[1], rollup[0], locale);
        }
        if (fromEvents != null) {
            return percent(Math.round(fromEvents * 1_000_000), 1_000_000, locale);
        }
        return "—";
    }

    /** Rounded down to two decimals, so that 99.999 % never reads as 100 %. */
    static String percent(long part, long whole, Locale locale) {
        if (whole <= 0) {
            return "—";
        }
        long hundredths = part * 10_000 / whole;
        String number = hundredths % 100 == 0
                ? Long.toString(hundredths / 100)
                : String.format(locale, "%.2f", hundredths / 100.0);
        return "fr".equals(locale.getLanguage()) ? number + " %" : number + "%";
    }

    private static Sparkline sparkline(List<HourTotals> hours, Instant start, Visitor visitor) {
        Double[] points = new Double[SPARKLINE_HOURS];
        long checks = 0;
        long sum = 0;
        int max = 0;
        for (HourTotals h : hours) {
            int i = (int) ChronoUnit.HOURS.between(start, h.hour());
            if (i >= 0 && i < SPARKLINE_HOURS) {
                points[i] = h.averageLatency();
                checks += h.checks();
                sum += h.latencySum();
                max = Math.max(max, h.latencyMax());
            }
        }
        String label = checks == 0
                ? visitor.msg().sparkline_empty()
                : visitor.msg().sparkline_label(Formats.latency((int) (sum / checks)), Formats.latency(max));
        return Sparkline.of(Arrays.asList(points), label);
    }

    /**
     * The day cells of the board's rows. A cell's title (its tooltip and accessible name) tells the day, its worst
     * status, its uptime and the incidents that ran that day; cells alike are made once and shared by the rows. The
     * uptime is the UTC day's (the daily rollups are by UTC day): the title says so when the visitor's zone is not UTC.
     */
    static final class DayCells {
        private final Visitor visitor;
        private final Instant now;
        private final List<LocalDate> days;
        private final String[] paths;
        private final String[] labels;
        private final String utcNote;
        private final Map<String, Html.Cell> cells = new HashMap<>();

        DayCells(Visitor visitor, List<LocalDate> days, Instant now) {
            this.visitor = visitor;
            this.now = now;
            this.days = days;
            this.paths = new String[days.size()];
            this.labels = new String[days.size()];
            for (int i = 0; i < days.size(); i++) {
                paths[i] = "/" + days.get(i).toString().replace('-', '/');
                labels[i] = visitor.dayLabel(days.get(i));
            }
            boolean utc = visitor.zone().getRules().isFixedOffset()
                    && visitor.zone().getRules().getOffset(now).getTotalSeconds() == 0;
            this.utcNote = utc ? "" : " " + visitor.msg().utc_day();
        }

        RawString row(
                ServiceLine service, ServiceHistory history, Map<LocalDate, long[]> uptime, List<IncidentSpan> spans) {
            List<DayCell> past = history.pastDays();
            List<Html.Cell> row = new ArrayList<>(past.size());
            for (int i = 0; i < past.size(); i++) {
                LocalDate day = days.get(i);
                long[] u = uptime.get(day);
                String uptimeText = u == null || u[0] == 0 ? null : percent(u[1], u[0], visitor.locale());
                String titles = null;
                for (IncidentSpan span : spans) {
                    if (span.during(day, visitor.zone(), now)) {
                        titles = titles == null ? span.title() : titles + "; " + span.title();
                    }
                }
                row.add(cell(i, past.get(i).worst(), past.get(i).notes(), uptimeText, titles));
            }
            return new RawString(Html.cells(service.slug(), row));
        }

        private Html.Cell cell(int day, StatusInfo status, boolean notes, String uptime, String incidents) {
            String key = day + "/" + (status == null ? "" : status.id()) + "/" + notes + "/" + uptime + "/" + incidents;
            return cells.computeIfAbsent(key, k -> {
                Msg msg = visitor.msg();
                String name = status == null ? msg.no_data() : visitor.statusName(status);
                StringBuilder title = new StringBuilder(
                        uptime == null
                                ? msg.day_cell(labels[day], name)
                                : msg.day_cell_uptime(labels[day], name, uptime) + utcNote);
                if (notes) {
                    title.append(" (").append(msg.notes_that_day()).append(')');
                }
                if (incidents != null) {
                    title.append(" · ").append(msg.day_incidents(incidents));
                }
                return status == null
                        ? Html.cell(null, null, null, paths[day], title.toString(), notes)
                        : Html.cell(status.slug(), status.icon(), status.level(), paths[day], title.toString(), notes);
            });
        }
    }
}
