package org.vigie.board.maintenance.rest;

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
import org.vigie.board.maintenance.service.MaintenanceCatalog;
import org.vigie.board.maintenance.service.MaintenanceCatalog.MaintenanceInput;
import org.vigie.board.maintenance.service.MaintenanceView;
import org.vigie.board.web.Created;
import org.vigie.board.web.NotFound;

/** The admin API for scheduled maintenance: plan, change, end now, delete. */
@Path("/admin/api/v1/maintenance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: maintenance")
@SecurityRequirement(name = "bearer")
public class MaintenanceApi {

    private static final MaintenanceInput EMPTY = new MaintenanceInput(null, null, null, null, null, null);

    private final MaintenanceCatalog catalog;

    public MaintenanceApi(MaintenanceCatalog catalog) {
        this.catalog = catalog;
    }

    public record WindowsJson(List<MaintenanceJson> maintenance) {}

    @GET
    @Operation(summary = "Every maintenance window, latest planned first (the latest 500)")
    public WindowsJson list(@Context UriInfo uri) {
        String base = MaintenanceJson.base(uri);
        return new WindowsJson(
                catalog.all(500).stream().map(m -> MaintenanceJson.of(m, base)).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One maintenance window")
    public MaintenanceJson get(@PathParam("id") long id, @Context UriInfo uri) {
        return MaintenanceJson.of(catalog.find(id).orElseThrow(() -> noWindow(id)), MaintenanceJson.base(uri));
    }

    @POST
    @Operation(
            summary = "Plan a maintenance window",
            description = "title, services (service slugs, one at least), start and end (ISO-8601, end after start) "
                    + "are required; message is optional; repeat is empty (once), weekly, or a 5-field UNIX cron "
                    + "expression in the board's time zone, each occurrence lasting end - start")
    public Response create(MaintenanceInput request, @Context UriInfo uri) {
        MaintenanceView m = catalog.create(Objects.requireNonNullElse(request, EMPTY));
        return Created.at("/admin/api/v1/maintenance/" + m.id(), MaintenanceJson.of(m, MaintenanceJson.base(uri)));
    }

    @POST
    @Path("{id}")
    @Operation(summary = "Change a maintenance window; fields left out keep their value")
    public MaintenanceJson update(@PathParam("id") long id, MaintenanceInput request, @Context UriInfo uri) {
        return MaintenanceJson.of(
                catalog.update(id, Objects.requireNonNullElse(request, EMPTY)), MaintenanceJson.base(uri));
    }

    @POST
    @Path("{id}/end")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST ends it
    @Operation(summary = "End the window in progress now: its services get their checked status back (409 if none)")
    public MaintenanceJson end(@PathParam("id") long id, @Context UriInfo uri) {
        return MaintenanceJson.of(catalog.endNow(id), MaintenanceJson.base(uri));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a maintenance window; a window in progress ends first")
    public MaintenanceJson delete(@PathParam("id") long id, @Context UriInfo uri) {
        MaintenanceJson gone = get(id, uri);
        catalog.delete(id);
        return gone;
    }

    static NotFound noWindow(long id) {
        return new NotFound("no maintenance " + id);
    }
}
