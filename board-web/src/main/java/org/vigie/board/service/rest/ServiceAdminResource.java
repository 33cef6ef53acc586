package org.vigie.board.service.rest;

import org.jboss.resteasy.reactive.RestForm;
import org.vigie.board.service.Service;
import org.vigie.board.service.ServiceCatalog;
import org.vigie.board.service.ServiceCatalog.NewService;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admin API for services; guarded by the bearer token (see AdminTokenFilter). */
@Path("/admin/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceAdminResource {

    private final ServiceCatalog catalog;

    public ServiceAdminResource(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createFromJson(NewService request) {
        return created(catalog.create(request == null ? new NewService(null, null, null, null, null) : request));
    }

    /** Form-encoded, as stashboard's clients post. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createFromForm(@RestForm String name, @RestForm String slug, @RestForm String description,
            @RestForm String target, @RestForm String interval) {
        Integer seconds = null;
        if (interval != null && !interval.isBlank()) {
            try {
                seconds = Integer.valueOf(interval.trim());
            } catch (NumberFormatException e) {
                throw org.vigie.board.api.ApiException.badRequest("interval \"" + interval + "\" is not a whole number of seconds");
            }
        }
        return created(catalog.create(new NewService(name, slug, description, target, seconds)));
    }

    private static Response created(Service service) {
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/services/" + service.slug)
                .entity(AdminServiceView.of(service)).build();
    }

    /** A service as admins see it: with its target. */
    public record AdminServiceView(String id, String name, String description, String url, String target, int interval) {
        static AdminServiceView of(Service s) {
            return new AdminServiceView(s.slug, s.name, s.description, "/api/v1/services/" + s.slug, s.target,
                    s.checkIntervalSeconds);
        }
    }
}
