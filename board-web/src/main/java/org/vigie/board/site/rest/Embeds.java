package org.vigie.board.site.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.vigie.board.incident.rest.IncidentJson;
import org.vigie.board.incident.service.IncidentCatalog;
import org.vigie.board.maintenance.rest.MaintenanceJson;
import org.vigie.board.maintenance.service.MaintenanceSchedule;
import org.vigie.board.site.BoardQueries.Scope;
import org.vigie.board.site.PublicBoard;
import org.vigie.board.site.Visitor;
import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.ServiceLine;
import org.vigie.board.site.view.StatusInfo;
import org.vigie.board.site.view.Statuses;
import org.vigie.board.site.view.Svg;
import org.vigie.board.status.Severity;
import org.vigie.board.status.StatusIcon;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What other sites embed: a status badge per service, and the board's overall status as JSON. */
@Path("/")
public class Embeds {

    public static final String SVG = "image/svg+xml;charset=UTF-8";

    private final PublicBoard board;
    private final VisitorResolver visitors;
    private final IncidentCatalog incidents;
    private final MaintenanceSchedule maintenance;

    public Embeds(
            PublicBoard board, VisitorResolver visitors, IncidentCatalog incidents, MaintenanceSchedule maintenance) {
        this.board = board;
        this.visitors = visitors;
        this.incidents = incidents;
        this.maintenance = maintenance;
    }

    /** A shields-like badge: the service's name and its current status, coloured by severity. */
    @GET
    @Path("badge/{slug}.svg")
    public Response badge(@PathParam("slug") String slug, @Context UriInfo uri, @Context HttpHeaders headers) {
        return board.read(q -> {
            BoardInfo info = q.board();
            Visitor v;
            try {
                v = visitors.resolve(uri, headers, info);
            } catch (VisitorResolver.BadChoice e) {
                return svg(400, Svg.badge("vigie", e.getMessage(), null));
            }
            Statuses statuses = q.statuses();
            return q.services(Scope.ALL, slug, null, false, statuses).stream()
                    .findFirst()
                    .map(s -> svg(
                            200,
                            Svg.badge(
                                    s.name(),
                                    v.statusName(s.status()),
                                    s.status().severity())))
                    .orElseGet(() -> svg(404, Svg.badge(slug, v.msg().not_found(), null)));
        });
    }

    private static Response svg(int status, String body) {
        return Response.status(status)
                .entity(body)
                .type(SVG)
                .header("Cache-Control", "max-age=60")
                .build();
    }

    public record StatusBrief(String id, String name, Severity level, String image) {
        static StatusBrief of(StatusInfo s, String base) {
            return new StatusBrief(s.slug(), s.name(), s.severity(), base + StatusIcon.path(s.icon()));
        }
    }

    public record ServiceBrief(
            String id,
            String name,
            String url,
            StatusBrief status,
            @JsonProperty("status-since") Instant statusSince) {}

    /**
     * {@code incidents}: the open (published, not resolved) ones, newest first, with their timelines;
     * {@code maintenance}: the scheduled maintenance in progress and upcoming, as {@code /api/v1/maintenance} says.
     */
    public record Overall(
            String name,
            String url,
            StatusBrief status,
            Instant updated,
            List<ServiceBrief> services,
            List<IncidentJson> incidents,
            MaintenanceJson.Visible maintenance) {}

    /** The board's worst current status, each service's and the open incidents, for embedding elsewhere; no targets. */
    @GET
    @Path("status.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Overall overall(@Context UriInfo uri) {
        String base = Feeds.base(uri);
        return board.read(q -> {
            BoardInfo info = q.board();
            Statuses statuses = q.statuses();
            List<ServiceLine> services = q.services(Scope.ALL, null, null, false, statuses);
            StatusInfo worst = null;
            for (ServiceLine s : services) {
                worst = StatusInfo.worse(worst, s.status());
            }
            if (worst == null) {
                worst = statuses.defaultStatus();
            }
            return new Overall(
                    info.name(),
                    base + "/",
                    StatusBrief.of(worst, base),
                    board.now(),
                    services.stream()
                            .map(s -> new ServiceBrief(
                                    s.slug(),
                                    s.name(),
                                    base + "/services/" + s.slug(),
                                    StatusBrief.of(s.status(), base),
                                    s.statusSince()))
                            .toList(),
                    incidents.open().stream().map(i -> IncidentJson.of(i, base)).toList(),
                    MaintenanceJson.Visible.of(maintenance.visible(), base));
        });
    }
}
