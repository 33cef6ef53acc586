package org.vigie.board.event.rest;

import java.time.Instant;
import java.util.Objects;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.vigie.board.event.Event;
import org.vigie.board.event.StatusUpdates;
import org.vigie.board.event.StatusUpdates.EventInput;
import org.vigie.board.web.Created;

import com.fasterxml.jackson.annotation.JsonAlias;

/** Status updates and notes posted by admins' clients, and their removal. */
@Path("/admin/api/v1/services/{slug}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: events")
@SecurityRequirement(name = "bearer")
public class EventApi {

    private final StatusUpdates updates;

    public EventApi(StatusUpdates updates) {
        this.updates = updates;
    }

    public record EventJson(
            String status,
            String message,
            String informational,
            @JsonAlias("time") String timestamp) {
        static final EventJson EMPTY = new EventJson(null, null, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Post a status update, or a note (informational=true) that keeps the current status; "
                    + "timestamp (ISO-8601, UTC) backdates it")
    public Response postJson(@PathParam("slug") String slug, EventJson request) {
        EventJson r = Objects.requireNonNullElse(request, EventJson.EMPTY);
        long id = updates.post(slug, new EventInput(r.status(), r.message(), r.informational(), r.timestamp())).id;
        return Created.at("/api/v1/services/" + slug + "/events/" + id, view(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Post a status update or a note (form-encoded, as stashboard's clients do)")
    public Response postForm(
            @PathParam("slug") String slug,
            @RestForm String status,
            @RestForm String message,
            @RestForm String informational,
            @RestForm String timestamp) {
        return postJson(slug, new EventJson(status, message, informational, timestamp));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an event; the service's current status is recomputed from the events left")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        updates.delete(slug, id);
        return Response.noContent().build();
    }

    @Transactional
    EventView view(long id) {
        Event e = Event.findById(id);
        return new EventView(
                e.id,
                e.createdAt,
                e.status.slug,
                e.message,
                e.informational,
                e.service.slug,
                "/api/v1/services/" + e.service.slug + "/events/" + e.id);
    }

    public record EventView(
            long sid,
            Instant timestamp,
            String status,
            String message,
            boolean informational,
            String service,
            String url) {}
}
