package org.vigie.board.board.rest;

import java.time.Instant;
import java.util.List;

import org.vigie.board.api.ApiException;
import org.vigie.board.board.BoardReader;
import org.vigie.board.board.ServiceRow;
import org.vigie.board.event.EventRow;
import org.vigie.board.status.Severity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The public, read-only API: services with their current status and last check, in stashboard's shapes. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ApiV1Resource {

    private final BoardReader reader;

    public ApiV1Resource(BoardReader reader) {
        this.reader = reader;
    }

    @GET
    @Path("services")
    public ServiceList services() {
        return new ServiceList(reader.services().stream().map(ApiV1Resource::view).toList());
    }

    @GET
    @Path("services/{slug}")
    public ServiceView service(@PathParam("slug") String slug) {
        return reader.service(slug).map(ApiV1Resource::view)
                .orElseThrow(() -> ApiException.notFound("no service with slug \"" + slug + "\""));
    }

    @GET
    @Path("services/{slug}/events")
    public EventList events(@PathParam("slug") String slug) {
        ServiceRow service = reader.service(slug)
                .orElseThrow(() -> ApiException.notFound("no service with slug \"" + slug + "\""));
        return new EventList(EventRow.latest(service.id(), 100).stream().map(e -> new EventView(e.id(), e.at(),
                new StatusView(e.statusSlug(), e.statusName(), null), e.message(), e.informational(), e.source().name())).toList());
    }

    private static ServiceView view(ServiceRow s) {
        return new ServiceView(s.slug(), s.name(), s.description(), "/api/v1/services/" + s.slug(),
                new StatusView(s.statusSlug(), s.statusName(), s.severity()), s.statusSince(),
                s.lastCheckedAt() == null ? null : new LastCheck(s.lastCheckedAt(), s.lastLatencyMillis(), s.lastReason()));
    }

    public record ServiceList(List<ServiceView> services) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusView(String id, String name, Severity level) {
    }

    public record LastCheck(Instant at, @JsonProperty("latency-ms") Integer latencyMillis, String reason) {
    }

    public record ServiceView(String id, String name, String description, String url, StatusView status,
            @JsonProperty("status-since") Instant statusSince, @JsonProperty("last-check") LastCheck lastCheck) {
    }

    public record EventList(List<EventView> events) {
    }

    public record EventView(long sid, Instant timestamp, StatusView status, String message, boolean informational,
            String source) {
    }
}
