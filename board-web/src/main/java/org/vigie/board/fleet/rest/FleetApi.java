package org.vigie.board.fleet.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vigie.board.fleet.service.FleetService;
import org.vigie.board.fleet.service.FleetView;

/** The fleet for the admin API (bearer token): each pool with its verdict, and each worker heard. */
@Path("/admin/api/v1/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: workers")
@SecurityRequirement(name = "bearer")
public class FleetApi {

    private final FleetService fleet;

    public FleetApi(FleetService fleet) {
        this.fleet = fleet;
    }

    @GET
    @Operation(
            summary = "The pools (live workers, capacity, queue depth, oldest wait, verdict) and the workers heard, "
                    + "from their heartbeats")
    public FleetView list() {
        return fleet.view();
    }
}
