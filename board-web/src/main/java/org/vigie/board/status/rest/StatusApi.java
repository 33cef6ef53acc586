package org.vigie.board.status.rest;

import java.util.Objects;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
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
import org.vigie.board.status.Status;
import org.vigie.board.status.StatusCatalog;
import org.vigie.board.status.StatusCatalog.StatusInput;
import org.vigie.board.web.Created;
import org.vigie.board.web.NotFound;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The admin API for statuses: JSON or form; {@code level} (stashboard) is accepted for severity. */
@Path("/admin/api/v1/statuses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: statuses")
@SecurityRequirement(name = "bearer")
public class StatusApi {

    private final StatusCatalog catalog;

    public StatusApi(StatusCatalog catalog) {
        this.catalog = catalog;
    }

    public record StatusJson(
            String name,
            String slug,
            String description,
            @JsonAlias("level") String severity,
            @JsonAlias("icon") String image,
            @JsonProperty("default") String isDefault) {
        static final StatusJson EMPTY = new StatusJson(null, null, null, null, null, null);

        StatusInput input() {
            return new StatusInput(name, slug, description, severity, image, isDefault);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a status; default=true makes it the default (and no other)")
    public Response createFromJson(StatusJson request) {
        Status s = catalog.create(
                Objects.requireNonNullElse(request, StatusJson.EMPTY).input());
        return Created.at("/api/v1/statuses/" + s.slug, view(s.slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a status (form-encoded)")
    public Response createFromForm(@BeanParam StatusForm form) {
        return createFromJson(form.json(form.slug()));
    }

    /** The form fields: the JSON body's, with {@code level} accepted for severity and {@code icon} for image. */
    public record StatusForm(
            @RestForm String name,
            @RestForm String slug,
            @RestForm String description,
            @RestForm String severity,
            @RestForm String level,
            @RestForm String image,
            @RestForm String icon,
            @RestForm("default") String isDefault) {

        StatusJson json(String slug) {
            return new StatusJson(
                    name,
                    slug,
                    description,
                    severity != null ? severity : level,
                    image != null ? image : icon,
                    isDefault);
        }
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a status; fields left out keep their value")
    public StatusView updateFromJson(@PathParam("slug") String slug, StatusJson request) {
        catalog.update(
                slug, Objects.requireNonNullElse(request, StatusJson.EMPTY).input());
        return view(slug);
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change a status (form-encoded)")
    public StatusView updateFromForm(@PathParam("slug") String slug, @BeanParam StatusForm form) {
        return updateFromJson(slug, form.json(null)); // a form's slug field is not a rename
    }

    @DELETE
    @Path("{slug}")
    @Operation(summary = "Delete a status; refused (409) while events use it, or when it is the default")
    public StatusView delete(@PathParam("slug") String slug) {
        StatusView gone = view(slug);
        catalog.delete(slug);
        return gone;
    }

    @Transactional
    StatusView view(String slug) {
        Status s = Status.findBySlug(slug).orElseThrow(() -> NotFound.slug("status", slug));
        return new StatusView(
                s.slug, s.name, s.description, s.severity.name(), s.image, s.isDefault, "/api/v1/statuses/" + s.slug);
    }

    /** stashboard's shape, with {@code severity} spelled out (stashboard's {@code level}). */
    public record StatusView(
            String id,
            String name,
            String description,
            String severity,
            String image,
            @JsonProperty("default") boolean isDefault,
            String url) {}
}
