package org.vigie.board.incident.rest;

import java.util.List;
import java.util.Objects;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vigie.board.incident.service.IncidentCatalog;
import org.vigie.board.incident.service.IncidentCatalog.IncidentInput;
import org.vigie.board.incident.service.IncidentCatalog.UpdateInput;
import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.web.Created;
import org.vigie.board.web.NotFound;

/** The admin API for incidents: open, change, post updates to the timeline, resolve, delete. Drafts included. */
@Path("/admin/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: incidents")
@SecurityRequirement(name = "bearer")
public class IncidentApi {

    private static final IncidentInput EMPTY = new IncidentInput(null, null, null, null, null, null, null);
    private static final UpdateInput NO_UPDATE = new UpdateInput(null, null, null);

    /** What a resolve says when the admin says nothing. */
    static final String RESOLVED = "This incident has been resolved.";

    private final IncidentCatalog catalog;

    public IncidentApi(IncidentCatalog catalog) {
        this.catalog = catalog;
    }

    public record IncidentsJson(List<IncidentJson> incidents) {}

    @GET
    @Operation(summary = "Every incident, drafts included, newest first (the latest 500)")
    public IncidentsJson list(@Context UriInfo uri) {
        String base = base(uri);
        return new IncidentsJson(
                catalog.all(500).stream().map(i -> IncidentJson.of(i, base)).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One incident, draft or published")
    public IncidentJson get(@PathParam("id") long id, @Context UriInfo uri) {
        return IncidentJson.of(catalog.find(id).orElseThrow(() -> noIncident(id)), base(uri));
    }

    @POST
    @Operation(
            summary = "Open an incident",
            description = "title and message are required; impact (none, minor, major, critical) defaults to none, "
                    + "state to investigating; services maps service slugs to degraded-performance, partial-outage "
                    + "or major-outage; published=false makes a draft; timestamp backdates the first update")
    public Response create(IncidentInput request, @Context UriInfo uri) {
        IncidentView i = catalog.create(Objects.requireNonNullElse(request, EMPTY));
        return Created.at("/api/v1/incidents/" + i.id(), IncidentJson.of(i, base(uri)));
    }

    @POST
    @Path("{id}")
    @Operation(
            summary = "Change an incident's title, impact, services or publication; fields left out keep their value")
    public IncidentJson update(@PathParam("id") long id, IncidentInput request, @Context UriInfo uri) {
        IncidentInput in = Objects.requireNonNullElse(request, EMPTY);
        return IncidentJson.of(
                catalog.update(
                        id,
                        new IncidentInput(in.title(), in.impact(), in.services(), in.published(), null, null, null)),
                base(uri));
    }

    @POST
    @Path("{id}/updates")
    @Operation(summary = "Post an update: state (required), message (required), timestamp (optional, may be past)")
    public Response post(@PathParam("id") long id, UpdateInput request, @Context UriInfo uri) {
        IncidentView i = catalog.post(id, Objects.requireNonNullElse(request, NO_UPDATE));
        return Created.at("/api/v1/incidents/" + i.id(), IncidentJson.of(i, base(uri)));
    }

    @POST
    @Path("{id}/resolve")
    @Operation(summary = "Resolve an incident: an update in state resolved; the message is optional")
    public Response resolve(@PathParam("id") long id, UpdateInput request, @Context UriInfo uri) {
        UpdateInput in = Objects.requireNonNullElse(request, NO_UPDATE);
        String message = in.message() == null || in.message().isBlank() ? RESOLVED : in.message();
        return post(id, new UpdateInput("resolved", message, in.timestamp()), uri);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an incident and its timeline")
    public IncidentJson delete(@PathParam("id") long id, @Context UriInfo uri) {
        IncidentJson gone = get(id, uri);
        catalog.delete(id);
        return gone;
    }

    static NotFound noIncident(long id) {
        return new NotFound("no incident " + id);
    }

    /** {@code http://host:port}, without a trailing slash. */
    static String base(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
