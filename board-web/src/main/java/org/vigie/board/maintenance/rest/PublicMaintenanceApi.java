package org.vigie.board.maintenance.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vigie.board.maintenance.service.MaintenanceSchedule;

/** Scheduled maintenance for everyone: the windows in progress and those starting soon. */
@Path("/api/v1/maintenance")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public: maintenance")
public class PublicMaintenanceApi {

    private final MaintenanceSchedule schedule;

    public PublicMaintenanceApi(MaintenanceSchedule schedule) {
        this.schedule = schedule;
    }

    @GET
    @Operation(summary = "Maintenance windows in progress, and those starting within vigie.maintenance.upcoming-within")
    public MaintenanceJson.Visible list(@Context UriInfo uri) {
        return MaintenanceJson.Visible.of(schedule.visible(), MaintenanceJson.base(uri));
    }
}
