package org.vigie.board.incident.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import org.vigie.board.site.PublicBoard;
import org.vigie.board.site.Visitor;
import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.rest.PageResponse;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.web.SecurityHeaders;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The public incident pages: {@code /incidents}, published incidents by month, newest first, in pages; and
 * {@code /incidents/{id}}, one incident with its timeline. In the board's layout, the visitor's zone and language.
 */
@Path("/incidents")
@Produces(MediaType.TEXT_HTML)
public class IncidentSite {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                BoardInfo board, Visitor v, List<Month> months, int page, String newerUrl, String olderUrl);

        static native TemplateInstance show(BoardInfo board, Visitor v, IncidentView i);

        static native TemplateInstance error(BoardInfo board, Visitor v, String title, String message);
    }

    /** A month of the list, in the visitor's zone: {@code November 2026} and its incidents. */
    public record Month(String label, List<IncidentView> incidents) {}

    private final PublicBoard board;
    private final VisitorResolver visitors;
    private final IncidentCatalog catalog;
    private final IncidentConfig config;
    private final SecurityHeaders securityHeaders;

    public IncidentSite(
            PublicBoard board,
            VisitorResolver visitors,
            IncidentCatalog catalog,
            IncidentConfig config,
            SecurityHeaders securityHeaders) {
        this.board = board;
        this.visitors = visitors;
        this.catalog = catalog;
        this.config = config;
        this.securityHeaders = securityHeaders;
    }

    /** A page's answer: its status and template, and what the response needs of the visitor and board. */
    private record Rendered(int status, TemplateInstance template, Visitor visitor, BoardInfo info) {}

    @FunctionalInterface
    private interface Page {
        Rendered build(BoardInfo info, Visitor v);
    }

    @GET
    public Response list(@QueryParam("page") String pageParam, @Context UriInfo uri, @Context HttpHeaders headers) {
        return page(uri, headers, (info, v) -> {
            Integer page = pageNumber(pageParam);
            if (page == null) {
                return error(400, info, v, v.msg().bad_request(), v.msg().bad_page(pageParam));
            }
            int size = config.perPage();
            List<IncidentView> incidents = catalog.published((page - 1) * size, size + 1);
            boolean more = incidents.size() > size;
            if (more) {
                incidents = incidents.subList(0, size);
            }
            List<Month> months = new ArrayList<>();
            LocalDate current = null;
            List<IncidentView> inMonth = null;
            for (IncidentView i : incidents) {
                LocalDate first = LocalDate.ofInstant(i.createdAt(), v.zone()).withDayOfMonth(1);
                if (!first.equals(current)) {
                    current = first;
                    inMonth = new ArrayList<>();
                    months.add(new Month(v.month(first), inMonth));
                }
                inMonth.add(i);
            }
            String newer = page > 1 ? "/incidents" + (page == 2 ? "" : "?page=" + (page - 1)) : null;
            String older = more ? "/incidents?page=" + (page + 1) : null;
            return new Rendered(200, Templates.list(info, v, months, page, newer, older), v, info);
        });
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return page(uri, headers, (info, v) -> {
            Optional<IncidentView> incident;
            try {
                incident = catalog.findPublic(Long.parseLong(id));
            } catch (NumberFormatException e) {
                incident = Optional.empty();
            }
            return incident.map(i -> new Rendered(200, Templates.show(info, v, i), v, info))
                    .orElseGet(() ->
                            error(404, info, v, v.msg().not_found(), v.msg().no_such_incident(id)));
        });
    }

    private static Rendered error(int status, BoardInfo info, Visitor v, String title, String message) {
        return new Rendered(status, Templates.error(info, v, title, message), v, info);
    }

    private static Integer pageNumber(String page) {
        if (page == null || page.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(page);
            return n >= 1 && n <= 1_000_000 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** As the board's pages answer: the visitor's language and zone, their cookies, the logo's origin allowed. */
    private Response page(UriInfo uri, HttpHeaders headers, Page page) {
        Rendered rendered = board.read(q -> {
            BoardInfo info = q.board();
            try {
                return page.build(info, visitors.resolve(uri, headers, info));
            } catch (VisitorResolver.BadChoice e) {
                return error(400, info, e.fallback, e.fallback.msg().bad_request(), e.getMessage());
            }
        });
        return PageResponse.html(
                rendered.status(), rendered.template(), rendered.visitor(), rendered.info(), securityHeaders);
    }
}
