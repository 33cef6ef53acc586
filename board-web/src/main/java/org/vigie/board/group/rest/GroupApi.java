package org.vigie.board.group.rest;

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
import org.vigie.board.group.Group;
import org.vigie.board.group.GroupCatalog;
import org.vigie.board.group.GroupCatalog.GroupInput;
import org.vigie.board.web.Created;
import org.vigie.board.web.NotFound;

/** The admin API for groups, "service lists" in stashboard's words and URLs. */
@Path("/admin/api/v1/service-lists")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: service lists (groups)")
@SecurityRequirement(name = "bearer")
public class GroupApi {

    private static final GroupInput EMPTY = new GroupInput(null, null, null, null);

    private final GroupCatalog catalog;

    public GroupApi(GroupCatalog catalog) {
        this.catalog = catalog;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a group")
    public Response createFromJson(GroupInput request) {
        Group g = catalog.create(Objects.requireNonNullElse(request, EMPTY));
        return Created.at("/api/v1/service-lists/" + g.slug, view(g.slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a group (form-encoded)")
    public Response createFromForm(
            @RestForm String name, @RestForm String slug, @RestForm String description, @RestForm String order) {
        return createFromJson(new GroupInput(name, slug, description, order));
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a group; fields left out keep their value")
    public GroupView updateFromJson(@PathParam("slug") String slug, GroupInput request) {
        catalog.update(slug, Objects.requireNonNullElse(request, EMPTY));
        return view(slug);
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change a group (form-encoded)")
    public GroupView updateFromForm(
            @PathParam("slug") String slug,
            @RestForm String name,
            @RestForm String description,
            @RestForm String order) {
        return updateFromJson(slug, new GroupInput(name, null, description, order));
    }

    @DELETE
    @Path("{slug}")
    @Operation(summary = "Delete a group; its services stay, ungrouped")
    public GroupView delete(@PathParam("slug") String slug) {
        GroupView gone = view(slug);
        catalog.delete(slug);
        return gone;
    }

    @Transactional
    GroupView view(String slug) {
        Group g = Group.findBySlug(slug).orElseThrow(() -> NotFound.slug("group", slug));
        return new GroupView(g.slug, g.name, g.description, g.displayOrder, "/api/v1/service-lists/" + g.slug);
    }

    public record GroupView(String id, String name, String description, int order, String url) {}
}
