package org.vigie.board.fleet.ui;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.vigie.board.fleet.FleetConfig;
import org.vigie.board.fleet.service.FleetService;
import org.vigie.board.fleet.service.FleetView;
import org.vigie.board.fleet.service.PoolView;
import org.vigie.board.fleet.service.WorkerView;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The admin's page of the fleet: each pool with its verdict, each worker with its latest heartbeat. */
@Path("/admin/workers")
@Produces(MediaType.TEXT_HTML)
public class FleetPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance workers(
                List<PoolView> pools, List<WorkerView> workers, boolean heardLongEnough, long liveWithinSeconds);
    }

    private final FleetService fleet;
    private final Duration liveWithin;

    public FleetPages(FleetService fleet, FleetConfig config) {
        this.fleet = fleet;
        this.liveWithin = config.liveWithin();
    }

    @GET
    public String page() {
        FleetView view = fleet.view();
        return Templates.workers(view.pools(), view.workers(), view.heardLongEnough(), liveWithin.toSeconds())
                .render();
    }
}
