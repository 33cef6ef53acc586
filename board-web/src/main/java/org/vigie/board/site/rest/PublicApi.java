package org.vigie.board.site.rest;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.vigie.board.pool.service.PoolSummaries;
import org.vigie.board.service.Service;
import org.vigie.board.site.BoardConfig;
import org.vigie.board.site.BoardQueries;
import org.vigie.board.site.BoardQueries.Scope;
import org.vigie.board.site.PublicBoard;
import org.vigie.board.site.view.EventLine;
import org.vigie.board.site.view.GroupInfo;
import org.vigie.board.site.view.ServiceLine;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.site.view.Statuses;
import org.vigie.board.status.Severity;
import org.vigie.board.status.StatusIcon;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The public, read-only API in stashboard's resources and shapes (services, events, statuses, service lists,
 * levels, status images), with Vigie's additions on a service (its current status, since when, its last check).
 * Timestamps are RFC 1123 in GMT as stashboard wrote them. Errors are {@code {"error": true, "code": N, "message": "..."}}.
 * A service's target (connection string) is never part of it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PublicApi {

    static final DateTimeFormatter STASHBOARD_TIME = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final PublicBoard board;
    private final BoardConfig config;
    private final PoolSummaries poolSummaries;

    public PublicApi(PublicBoard board, BoardConfig config, PoolSummaries poolSummaries) {
        this.board = board;
        this.poolSummaries = poolSummaries;
        this.config = config;
    }

    // ------------------------------------------------------------------ shapes

    public record StatusJson(
            String name,
            String id,
            String description,
            Severity level,
            String image,
            String url,
            @JsonProperty("default") boolean isDefault) {}

    public record EventJson(
            String sid,
            String url,
            String timestamp,
            Instant time,
            StatusJson status,
            String message,
            boolean informational,
            String source) {}

    public record ListJson(String name, String id, String description, String url) {}

    public record LastCheck(
            Instant at, @JsonProperty("latency-ms") Integer latencyMillis, String reason) {}

    public record ServiceJson(
            String name,
            String id,
            String description,
            String url,
            ListJson list,
            @JsonProperty("current-event") EventJson currentEvent,
            StatusJson status,
            @JsonProperty("status-since") Instant statusSince,
            @JsonProperty("last-check") LastCheck lastCheck) {}

    /** Stashboard's list, and the cursor of the next page ({@code next}, null on the last). */
    public record ServicesJson(
            List<ServiceJson> services,
            String next,
            @JsonProperty("next-url") String nextUrl) {}

    public record EventsJson(List<EventJson> events) {}

    public record StatusesJson(List<StatusJson> statuses) {}

    public record ListsJson(List<ListJson> lists) {}

    public record ListWithServices(
            String name, String id, String description, String url, List<ServiceJson> services) {}

    public record LevelsJson(List<Severity> levels) {}

    public record ImageJson(
            String name,
            String url,
            @JsonProperty("icon_set") String iconSet) {}

    public record ImagesJson(List<ImageJson> images) {}

    // ------------------------------------------------------------------ services

    @GET
    @Path("services")
    public ServicesJson services(
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        String base = Feeds.base(uri);
        int max = serviceLimit(limit);
        Long after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = Long.valueOf(cursor.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInput("cursor", "cursor \"" + cursor + "\" is not one this API gave: use its next");
            }
        }
        Long afterId = after;
        return board.read(q -> {
            if (afterId != null && !q.serviceExists(afterId)) {
                throw new InvalidInput(
                        "cursor", "cursor " + afterId + " names a service that is gone: start again without it");
            }
            Statuses statuses = q.statuses();
            // one more than asked tells whether there is a next page
            List<ServiceLine> lines = q.servicesAfter(afterId, max + 1, statuses);
            String next = null;
            if (lines.size() > max) {
                lines = lines.subList(0, max);
                next = Long.toString(lines.get(max - 1).id());
            }
            return new ServicesJson(
                    json(q, lines, statuses, base),
                    next,
                    next == null ? null : base + "/api/v1/services?limit=" + max + "&cursor=" + next);
        });
    }

    private int serviceLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return config.apiServiceLimit();
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= config.apiServiceMax()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInput("limit", "limit must be a number from 1 to " + config.apiServiceMax());
    }

    @GET
    @Path("services/{slug}")
    public ServiceJson service(@PathParam("slug") String slug, @Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(
                q -> services(q, Scope.ALL, slug, base).stream().findFirst().orElseThrow(() -> noService(slug)));
    }

    /**
     * One pool of a service checked from several pools: what it says ({@code up}, {@code warning}, {@code down},
     * {@code unknown} while silent, {@code pending} before its first result), its last check and its uptime over the
     * last 7 days (a fraction, null without checks).
     */
    public record PoolJson(
            String pool,
            String says,
            @JsonProperty("last-check") LastCheck lastCheck,
            Long checks,
            Double uptime) {}

    public record PoolsJson(List<PoolJson> pools) {}

    @GET
    @Path("services/{slug}/pools")
    @Transactional
    public PoolsJson pools(@PathParam("slug") String slug) {
        Service service = Service.findBySlug(slug).orElseThrow(() -> noService(slug));
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(6);
        return new PoolsJson(poolSummaries.forPublic(service.id, from).stream()
                .map(p -> new PoolJson(
                        p.pool(),
                        p.say(),
                        p.lastCheckedAt() == null
                                ? null
                                : new LastCheck(p.lastCheckedAt(), p.lastLatencyMillis(), p.reason()),
                        p.checks(),
                        p.uptime()))
                .toList());
    }

    @GET
    @Path("services/{slug}/events")
    public EventsJson events(
            @PathParam("slug") String slug,
            @QueryParam("start") String start,
            @QueryParam("end") String end,
            @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        Instant from = time("start", start);
        Instant to = time("end", end);
        int max = limit(limit);
        String base = Feeds.base(uri);
        return board.read(q -> {
            Statuses statuses = q.statuses();
            ServiceLine s = one(q, slug, statuses);
            return new EventsJson(q.events(s.id(), from, to, true, 0, max, statuses).stream()
                    .map(e -> event(e, base))
                    .toList());
        });
    }

    @GET
    @Path("services/{slug}/events/current")
    public EventJson currentEvent(@PathParam("slug") String slug, @Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(q -> {
            Statuses statuses = q.statuses();
            ServiceLine s = q.services(Scope.ALL, slug, null, true, statuses).stream()
                    .findFirst()
                    .orElseThrow(() -> noService(slug));
            if (s.currentEventId() == null) {
                throw new NotFound("no current event for service \"" + slug + "\"");
            }
            return q.eventsById(List.of(s.currentEventId()), statuses).values().stream()
                    .findFirst()
                    .map(e -> event(e, base))
                    .orElseThrow(() -> new NotFound("no current event for service \"" + slug + "\""));
        });
    }

    @GET
    @Path("services/{slug}/events/{sid}")
    public EventJson event(@PathParam("slug") String slug, @PathParam("sid") String sid, @Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(q -> {
            Statuses statuses = q.statuses();
            ServiceLine s = one(q, slug, statuses);
            long id;
            try {
                id = Long.parseLong(sid);
            } catch (NumberFormatException e) {
                throw noEvent(sid, slug);
            }
            return q.event(s.id(), id, statuses).map(e -> event(e, base)).orElseThrow(() -> noEvent(sid, slug));
        });
    }

    // ------------------------------------------------------------------ statuses, lists, levels, images

    @GET
    @Path("statuses")
    public StatusesJson statuses(@Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(q -> new StatusesJson(
                q.statuses().all().stream().map(s -> status(s, base)).toList()));
    }

    @GET
    @Path("statuses/{slug}")
    public StatusJson status(@PathParam("slug") String slug, @Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(q -> q.statuses()
                .bySlug(slug)
                .map(s -> status(s, base))
                .orElseThrow(() -> new NotFound("no status with slug \"" + slug + "\"")));
    }

    @GET
    @Path("service-lists")
    public ListsJson lists(@Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(
                q -> new ListsJson(q.groups().stream().map(g -> list(g, base)).toList()));
    }

    @GET
    @Path("service-lists/{slug}")
    public ListWithServices list(@PathParam("slug") String slug, @Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(q -> {
            GroupInfo g = q.group(slug).orElseThrow(() -> new NotFound("no service list with slug \"" + slug + "\""));
            ListJson l = list(g, base);
            return new ListWithServices(
                    l.name(), l.id(), l.description(), l.url(), services(q, Scope.group(g.id()), null, base));
        });
    }

    @GET
    @Path("levels")
    public LevelsJson levels() {
        return new LevelsJson(Arrays.asList(Severity.values()));
    }

    @GET
    @Path("status-images")
    public ImagesJson images(@Context UriInfo uri) {
        String base = Feeds.base(uri);
        return new ImagesJson(StatusIcon.NAMES.stream()
                .map(n -> new ImageJson(n, base + StatusIcon.path(n), StatusIcon.SET))
                .toList());
    }

    // ------------------------------------------------------------------ helpers

    /** Services with their current events and lists: three queries, whatever their number. */
    private List<ServiceJson> services(BoardQueries q, Scope scope, String slug, String base) throws SQLException {
        Statuses statuses = q.statuses();
        return json(q, q.services(scope, slug, null, true, statuses), statuses, base);
    }

    private List<ServiceJson> json(BoardQueries q, List<ServiceLine> lines, Statuses statuses, String base)
            throws SQLException {
        Map<Long, EventLine> current = q.eventsById(
                lines.stream()
                        .map(ServiceLine::currentEventId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList(),
                statuses);
        Map<Long, GroupInfo> groups = lines.stream().anyMatch(l -> l.groupId() != null)
                ? q.groups().stream().collect(Collectors.toMap(GroupInfo::id, Function.identity()))
                : Map.of();
        List<ServiceJson> out = new ArrayList<>(lines.size());
        for (ServiceLine s : lines) {
            EventLine e = s.currentEventId() == null ? null : current.get(s.currentEventId());
            GroupInfo g = s.groupId() == null ? null : groups.get(s.groupId());
            out.add(new ServiceJson(
                    s.name(),
                    s.slug(),
                    s.description(),
                    base + "/api/v1/services/" + s.slug(),
                    g == null ? null : list(g, base),
                    e == null ? null : event(e, base),
                    status(s.status(), base),
                    s.statusSince(),
                    s.lastCheckedAt() == null
                            ? null
                            : new LastCheck(s.lastCheckedAt(), s.lastLatencyMillis(), s.lastReason())));
        }
        return out;
    }

    private static ServiceLine one(BoardQueries q, String slug, Statuses statuses) throws SQLException {
        return q.services(Scope.ALL, slug, null, false, statuses).stream()
                .findFirst()
                .orElseThrow(() -> noService(slug));
    }

    static StatusJson status(StatusInfo s, String base) {
        return new StatusJson(
                s.name(),
                s.slug(),
                s.description(),
                s.severity(),
                base + StatusIcon.path(s.image()),
                base + "/api/v1/statuses/" + s.slug(),
                s.isDefault());
    }

    static EventJson event(EventLine e, String base) {
        return new EventJson(
                Long.toString(e.id()),
                base + "/api/v1/services/" + e.serviceSlug() + "/events/" + e.id(),
                STASHBOARD_TIME.format(e.at().atOffset(ZoneOffset.UTC)),
                e.at(),
                status(e.status(), base),
                e.message(),
                e.informational(),
                e.source());
    }

    static ListJson list(GroupInfo g, String base) {
        return new ListJson(g.name(), g.slug(), g.description(), base + "/api/v1/service-lists/" + g.slug());
    }

    private static NotFound noService(String slug) {
        return new NotFound("no service with slug \"" + slug + "\"");
    }

    private static NotFound noEvent(String sid, String slug) {
        return new NotFound("no event " + sid + " for service \"" + slug + "\"");
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return config.apiEventLimit();
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= config.apiEventMax()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInput("limit", "limit must be a number from 1 to " + config.apiEventMax());
    }

    /**
     * A time as stashboard's clients send it: an ISO date ({@code 2026-11-25}, midnight UTC), an ISO date-time with or
     * without an offset (UTC when none), RFC 2822 / RFC 1123 ({@code Wed, 25 Nov 2026 10:00:00 GMT}), or seconds
     * since the epoch.
     */
    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.matches("\\d{9,11}")) {
                return Instant.ofEpochSecond(Long.parseLong(v));
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (Character.isDigit(v.charAt(0))) {
                String iso = v.replace(' ', 'T');
                try {
                    return OffsetDateTime.parse(iso).toInstant();
                } catch (DateTimeParseException e) {
                    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
                }
            }
            return ZonedDateTime.parse(v.replace(" UTC", " GMT"), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInput(
                    name,
                    "\"" + value
                            + "\" is not a time; use 2026-11-25, 2026-11-25T10:00:00Z or Wed, 25 Nov 2026 10:00:00 GMT");
        }
    }
}
