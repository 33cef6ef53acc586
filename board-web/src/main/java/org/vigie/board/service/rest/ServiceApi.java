package org.vigie.board.service.rest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.vigie.board.event.CheckState;
import org.vigie.board.incident.service.AutoIncidents;
import org.vigie.board.pool.PoolState;
import org.vigie.board.service.Service;
import org.vigie.board.service.ServiceCatalog;
import org.vigie.board.service.ServiceCatalog.ServiceInput;
import org.vigie.board.status.Status;
import org.vigie.board.web.Created;
import org.vigie.board.web.NotFound;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * The admin API for services; guarded by bearer tokens (see AdminTokenFilter). Every write takes JSON or a form
 * (as stashboard's clients post); in JSON, numbers may be numbers or text. Update is POST (stashboard) or PUT (see PutAsPost).
 */
@Path("/admin/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: services")
@SecurityScheme(
        securitySchemeName = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API token created on /admin/tokens, or the configured vigie.admin.api-token")
@SecurityRequirement(name = "bearer")
public class ServiceApi {

    private final ServiceCatalog catalog;
    private final AutoIncidents autoIncidents;

    public ServiceApi(ServiceCatalog catalog, AutoIncidents autoIncidents) {
        this.catalog = catalog;
        this.autoIncidents = autoIncidents;
    }

    /**
     * The JSON body; {@code list} is accepted for {@code group}, as stashboard called groups. {@code fullReasonsPublic}
     * (true or false): the public sees the checks' full reasons, which may name the target, instead of the public ones.
     * {@code pools}: a list of pool names or one comma-separated string; {@code quorum}: how many pools must agree for
     * Down or Warning (empty: a majority). {@code incidents}: what the checks do about incidents when they turn the
     * service Down ({@code off}, {@code draft}, {@code publish}; empty: the board's default).
     */
    public record ServiceJson(
            String name,
            String slug,
            String description,
            @JsonAlias("list") String group,
            String order,
            String target,
            String interval,
            String fullReasonsPublic,
            Object pools,
            String quorum,
            String incidents) {
        static final ServiceJson EMPTY =
                new ServiceJson(null, null, null, null, null, null, null, null, null, null, null);

        ServiceInput input() {
            return new ServiceInput(
                    name,
                    slug,
                    description,
                    group,
                    order,
                    target,
                    interval,
                    fullReasonsPublic,
                    poolList(),
                    quorum,
                    incidents);
        }

        /** A JSON list joined, a string as it is: the catalog checks each name. */
        private String poolList() {
            if (pools instanceof java.util.List<?> list) {
                return String.join(",", list.stream().map(String::valueOf).toList());
            }
            return pools == null ? null : String.valueOf(pools);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a service; a connection string (target) makes the checks watch it")
    public Response createFromJson(ServiceJson request) {
        Service created = catalog.create(
                Objects.requireNonNullElse(request, ServiceJson.EMPTY).input());
        return Created.at("/api/v1/services/" + created.slug, view(created.slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a service (form-encoded)")
    public Response createFromForm(@BeanParam ServiceForm form) {
        return createFromJson(form.json());
    }

    /** The form fields: the JSON body's, with {@code list} accepted for {@code group}. */
    public record ServiceForm(
            @RestForm String name,
            @RestForm String slug,
            @RestForm String description,
            @RestForm String group,
            @RestForm String list,
            @RestForm String order,
            @RestForm String target,
            @RestForm String interval,
            @RestForm String fullReasonsPublic,
            @RestForm String pools,
            @RestForm String quorum,
            @RestForm String incidents) {

        ServiceJson json() {
            return new ServiceJson(
                    name,
                    slug,
                    description,
                    group != null ? group : list,
                    order,
                    target,
                    interval,
                    fullReasonsPublic,
                    pools,
                    quorum,
                    incidents);
        }
    }

    @GET
    @Path("{slug}")
    @Operation(summary = "A service as admins see it, with its connection string and its last check's full reason")
    public AdminServiceView get(@PathParam("slug") String slug) {
        return view(slug);
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a service; fields left out keep their value, an empty target or group removes it")
    public AdminServiceView updateFromJson(@PathParam("slug") String slug, ServiceJson request) {
        catalog.update(
                slug, Objects.requireNonNullElse(request, ServiceJson.EMPTY).input());
        return view(slug);
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change a service (form-encoded)")
    public AdminServiceView updateFromForm(@PathParam("slug") String slug, @BeanParam ServiceForm form) {
        return updateFromJson(slug, form.json());
    }

    @DELETE
    @Path("{slug}")
    @Operation(summary = "Delete a service with its events and results")
    public AdminServiceView delete(@PathParam("slug") String slug) {
        AdminServiceView gone = view(slug);
        catalog.delete(slug);
        return gone;
    }

    @POST
    @Path("{slug}/check-now")
    @Operation(summary = "Check the service at the next dispatch pass")
    public Response checkNow(@PathParam("slug") String slug) {
        catalog.checkNow(slug);
        return Response.accepted(view(slug)).build();
    }

    @Transactional
    AdminServiceView view(String slug) {
        Service s = Service.findBySlug(slug).orElseThrow(() -> NotFound.slug("service", slug));
        Status status = s.status != null ? s.status : Status.findDefault();
        CheckState state = CheckState.findById(s.id);
        return new AdminServiceView(
                s.slug,
                s.name,
                s.description,
                "/api/v1/services/" + s.slug,
                s.group == null ? null : s.group.slug,
                s.displayOrder,
                s.target,
                s.checkIntervalSeconds,
                status.slug,
                s.statusSince,
                s.fullReasonsPublic,
                s.poolList(),
                s.poolQuorum,
                autoIncidents.onDown(s).slug(),
                state == null || state.lastCheckedAt == null
                        ? null
                        : new AdminLastCheck(
                                state.lastCheckedAt,
                                state.lastOutcome.name(),
                                state.lastLatencyMillis,
                                state.lastReason,
                                state.lastPublicReason),
                PoolState.of(s.id).stream()
                        .map(p -> new AdminPoolCheck(
                                p.pool,
                                p.unknownSince != null ? "UNKNOWN" : p.outcome.name(),
                                p.lastCheckedAt,
                                p.lastOutcome == null ? null : p.lastOutcome.name(),
                                p.lastLatencyMillis,
                                p.lastReason,
                                p.lastPublicReason))
                        .toList());
    }

    /**
     * A service as admins see it: with its target and its last check's full reason; {@code incidents} is what the
     * checks do about incidents when they turn it Down (its own setting, else the board's default).
     */
    public record AdminServiceView(
            String id,
            String name,
            String description,
            String url,
            String group,
            int order,
            String target,
            int interval,
            String status,
            Instant statusSince,
            boolean fullReasonsPublic,
            List<String> pools,
            Integer quorum,
            String incidents,
            AdminLastCheck lastCheck,
            List<AdminPoolCheck> poolChecks) {}

    /** What one pool's checks say, for a service checked from several pools. */
    public record AdminPoolCheck(
            String pool,
            String outcome,
            Instant at,
            String lastOutcome,
            int latencyMillis,
            String reason,
            String publicReason) {}

    /**
     * The last check: its full reason (it may name the target) and the public one (what the public sees unless
     * {@code fullReasonsPublic}).
     */
    public record AdminLastCheck(Instant at, String outcome, int latencyMillis, String reason, String publicReason) {}
}
