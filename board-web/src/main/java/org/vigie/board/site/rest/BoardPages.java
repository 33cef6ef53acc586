package org.vigie.board.site.rest;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.vigie.board.incident.IncidentConfig;
import org.vigie.board.incident.service.IncidentCatalog;
import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.pool.service.PoolSummaries;
import org.vigie.board.site.BoardConfig;
import org.vigie.board.site.BoardQueries;
import org.vigie.board.site.BoardQueries.Scope;
import org.vigie.board.site.PageError;
import org.vigie.board.site.PublicBoard;
import org.vigie.board.site.Visitor;
import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.EventLine;
import org.vigie.board.site.view.GroupInfo;
import org.vigie.board.site.view.Headline;
import org.vigie.board.site.view.ServiceLine;
import org.vigie.board.site.view.ServicePage;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.site.view.Statuses;
import org.vigie.board.site.view.SummaryLine;
import org.vigie.board.web.SecurityHeaders;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The public pages: the board, a group's board, the summary, and a service's page with its events, chart and
 * uptime, for all time or one year, month or day. Rendered on the server, usable without JavaScript, in the
 * visitor's zone and language.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BoardPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(
                BoardInfo board,
                Visitor v,
                PublicBoard.Board b,
                List<StatusInfo> legend,
                GroupInfo group,
                List<IncidentView> incidents,
                Headline headline);

        static native TemplateInstance summary(BoardInfo board, Visitor v, List<SummaryLine> lines, Instant now);

        static native TemplateInstance service(BoardInfo board, Visitor v, ServicePage p, List<IncidentView> incidents);

        static native TemplateInstance error(BoardInfo board, Visitor v, String title, String message);
    }

    private final PublicBoard board;
    private final VisitorResolver visitors;
    private final BoardConfig config;
    private final SecurityHeaders securityHeaders;
    private final PoolSummaries poolSummaries;
    private final IncidentCatalog incidents;
    private final IncidentConfig incidentConfig;

    public BoardPages(
            PublicBoard board,
            VisitorResolver visitors,
            BoardConfig config,
            SecurityHeaders securityHeaders,
            PoolSummaries poolSummaries,
            IncidentCatalog incidents,
            IncidentConfig incidentConfig) {
        this.board = board;
        this.incidents = incidents;
        this.incidentConfig = incidentConfig;
        this.visitors = visitors;
        this.config = config;
        this.securityHeaders = securityHeaders;
        this.poolSummaries = poolSummaries;
    }

    @FunctionalInterface
    interface Page {
        TemplateInstance build(BoardQueries q, BoardInfo info, Statuses statuses, Visitor v) throws SQLException;
    }

    private record Rendered(int status, TemplateInstance template, Visitor visitor, BoardInfo info) {}

    @GET
    public Response index(
            @QueryParam("q") String search,
            @QueryParam("page") String pageParam,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return page(uri, headers, (q, info, statuses, v) -> {
            String words = search == null || search.isBlank() ? null : search.strip();
            if (words != null && words.length() > 100) {
                throw new PageError(400, v.msg().search_too_long(100));
            }
            PublicBoard.Board b =
                    board.board(q, info, statuses, v, new PublicBoard.View(null, pageNumber(pageParam, v), words));
            List<IncidentView> open = incidents.open();
            return Templates.index(info, v, b, statuses.legend(), null, open, b.headline(open));
        });
    }

    @GET
    @Path("service-lists/{slug}")
    public Response group(
            @PathParam("slug") String slug,
            @QueryParam("page") String pageParam,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return page(uri, headers, (q, info, statuses, v) -> {
            GroupInfo group =
                    q.group(slug).orElseThrow(() -> new PageError(404, v.msg().no_such_group(slug)));
            PublicBoard.Board b =
                    board.board(q, info, statuses, v, new PublicBoard.View(group, pageNumber(pageParam, v), null));
            return Templates.index(info, v, b, statuses.legend(), group, List.of(), b.headline(List.of()));
        });
    }

    @GET
    @Path("summary")
    public Response summary(@Context UriInfo uri, @Context HttpHeaders headers) {
        return page(
                uri,
                headers,
                (q, info, statuses, v) -> Templates.summary(info, v, board.summary(q, statuses, v), board.now()));
    }

    /** The service page, or one year, month or day of it: {@code /services/{slug}[/{year}[/{month}[/{day}]]]}. */
    @GET
    @Path("services/{slug}{period:(/[^/]+){0,3}}")
    public Response service(
            @PathParam("slug") String slug,
            @PathParam("period") String period,
            @QueryParam("page") String page,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        String[] parts = period == null || period.isEmpty()
                ? new String[0]
                : period.substring(1).split("/");
        return servicePage(
                slug,
                parts.length > 0 ? parts[0] : null,
                parts.length > 1 ? parts[1] : null,
                parts.length > 2 ? parts[2] : null,
                page,
                uri,
                headers);
    }

    /** A period of the service page: {@code [from, to)} in the visitor's zone. */
    record Period(Instant from, Instant to, String label, String path) {}

    private Response servicePage(
            String slug, String year, String month, String day, String pageParam, UriInfo uri, HttpHeaders headers) {
        return page(uri, headers, (q, info, statuses, v) -> {
            int page = pageNumber(pageParam, v);
            Period period = period(year, month, day, v);
            ServiceLine service = q.services(Scope.ALL, slug, null, false, statuses).stream()
                    .findFirst()
                    .orElseThrow(() -> new PageError(404, v.msg().no_such_service(slug)));
            GroupInfo group = service.groupId() == null
                    ? null
                    : q.group(service.groupId()).orElse(null);
            int size = config.eventsPerPage();
            List<EventLine> events = q.events(
                    service.id(),
                    period == null ? null : period.from(),
                    period == null ? null : period.to(),
                    false,
                    (page - 1) * size,
                    size + 1,
                    statuses);
            boolean more = events.size() > size;
            if (more) {
                events = events.subList(0, size);
            }
            String base = "/services/" + service.slug() + (period == null ? "" : period.path());
            String newer = page > 1 ? base + (page == 2 ? "" : "?page=" + (page - 1)) : null;
            String older = more ? base + "?page=" + (page + 1) : null;

            Instant now = board.now();
            Instant from;
            Instant to;
            if (period != null && day != null) {
                from = period.from();
                to = period.to();
            } else if (period != null) {
                from = period.from();
                to = period.to().isAfter(now) ? now : period.to();
                if (!to.isAfter(from)) {
                    to = period.to();
                }
            } else {
                LocalDate today = LocalDate.ofInstant(now, v.zone());
                from = today.minusDays(info.days()).atStartOfDay(v.zone()).toInstant();
                to = now;
            }
            PublicBoard.Charts charts = board.charts(q, service, v, from, to);
            return Templates.service(
                    info,
                    v,
                    new ServicePage(
                            service,
                            group,
                            period == null ? null : period.label(),
                            events,
                            page,
                            newer,
                            older,
                            charts,
                            "/badge/" + service.slug() + ".svg",
                            poolSummaries.forPublic(service.id(), LocalDate.ofInstant(from, v.zone()))),
                    incidents.forService(service.id(), incidentConfig.perService()));
        });
    }

    private static int pageNumber(String page, Visitor v) {
        if (page == null || page.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(page);
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new PageError(400, v.msg().bad_page(page));
    }

    static Period period(String year, String month, String day, Visitor v) {
        if (year == null) {
            return null;
        }
        String asked = year + (month == null ? "" : "/" + month) + (day == null ? "" : "/" + day);
        try {
            if (!year.matches("\\d{4}")
                    || (month != null && !month.matches("\\d{1,2}"))
                    || (day != null && !day.matches("\\d{1,2}"))) {
                throw new PageError(400, v.msg().bad_date(asked));
            }
            ZoneId zone = v.zone();
            int y = Integer.parseInt(year);
            if (month == null) {
                LocalDate first = LocalDate.of(y, 1, 1);
                return new Period(
                        first.atStartOfDay(zone).toInstant(),
                        first.plusYears(1).atStartOfDay(zone).toInstant(),
                        year,
                        "/" + year);
            }
            int m = Integer.parseInt(month);
            if (day == null) {
                LocalDate first = LocalDate.of(y, m, 1);
                return new Period(
                        first.atStartOfDay(zone).toInstant(),
                        first.plusMonths(1).atStartOfDay(zone).toInstant(),
                        v.month(first),
                        "/" + year + "/" + String.format("%02d", m));
            }
            LocalDate date = LocalDate.of(y, m, Integer.parseInt(day));
            return new Period(
                    date.atStartOfDay(zone).toInstant(),
                    date.plusDays(1).atStartOfDay(zone).toInstant(),
                    v.longDay(date),
                    "/" + date.toString().replace('-', '/'));
        } catch (DateTimeException e) {
            throw new PageError(400, v.msg().bad_date(asked));
        }
    }

    private Response page(UriInfo uri, HttpHeaders headers, Page page) {
        Rendered rendered = board.read(q -> {
            BoardInfo info = q.board();
            Visitor v;
            try {
                v = visitors.resolve(uri, headers, info);
            } catch (VisitorResolver.BadChoice e) {
                return new Rendered(
                        400,
                        Templates.error(info, e.fallback, e.fallback.msg().bad_request(), e.getMessage()),
                        e.fallback,
                        info);
            }
            try {
                return new Rendered(200, page.build(q, info, q.statuses(), v), v, info);
            } catch (PageError e) {
                String title = e.status() == 404 ? v.msg().not_found() : v.msg().bad_request();
                return new Rendered(e.status(), Templates.error(info, v, title, e.getMessage()), v, info);
            }
        });
        return PageResponse.html(
                rendered.status(), rendered.template(), rendered.visitor(), rendered.info(), securityHeaders);
    }
}
