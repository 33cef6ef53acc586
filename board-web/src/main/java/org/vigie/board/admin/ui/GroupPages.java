package org.vigie.board.admin.ui;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.ui.Notices;
import org.vigie.board.web.ApiException;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.group.Group;
import org.vigie.board.group.GroupCatalog;
import org.vigie.board.group.GroupCatalog.GroupInput;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin pages for groups (stashboard's service lists). */
@Path("/admin/groups")
@Produces(MediaType.TEXT_HTML)
public class GroupPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<GroupItem> groups, String notice);

        static native TemplateInstance form(String slug, GroupForm form, Map<String, String> errors);
    }

    public record GroupItem(String slug, String name, String description, int order, long services) {
    }

    public record GroupForm(String name, String description, String order) {
    }

    private final GroupCatalog catalog;

    public GroupPages(GroupCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Transactional
    public String list(@RestQuery String notice) {
        List<GroupItem> items = Group.inOrder().stream().map(g -> new GroupItem(g.slug, g.name, g.description, g.displayOrder,
                org.vigie.board.service.Service.count("group", g))).toList();
        return Templates.list(items, Notices.text(notice)).render();
    }

    @GET
    @Path("new")
    public String newForm() {
        return Templates.form(null, new GroupForm("", "", "0"), Map.of()).render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name, @RestForm String description, @RestForm String order) {
        try {
            catalog.create(new GroupInput(name, null, description, order));
            return seeOther("/admin/groups?notice=created");
        } catch (InvalidInput e) {
            return Response.status(400).entity(Templates.form(null, new GroupForm(name, description, order), e.errors()).render()).build();
        } catch (ApiException e) {
            return Response.status(e.status())
                    .entity(Templates.form(null, new GroupForm(name, description, order), Map.of("name", e.getMessage())).render()).build();
        }
    }

    @GET
    @Path("{slug}/edit")
    @Transactional
    public Response edit(@PathParam("slug") String slug) {
        return Group.findBySlug(slug)
                .map(g -> Response.ok(Templates.form(g.slug, new GroupForm(g.name, g.description, String.valueOf(g.displayOrder)), Map.of()).render()).build())
                .orElseGet(() -> seeOther("/admin/groups"));
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @RestForm String name, @RestForm String description, @RestForm String order) {
        try {
            catalog.update(slug, new GroupInput(name == null ? "" : name, null, description == null ? "" : description, order));
            return seeOther("/admin/groups?notice=saved");
        } catch (InvalidInput e) {
            return Response.status(400).entity(Templates.form(slug, new GroupForm(name, description, order), e.errors()).render()).build();
        } catch (ApiException e) {
            return seeOther("/admin/groups");
        }
    }

    @POST
    @Path("{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug, @RestForm("csrf-token") String csrf) {
        try {
            catalog.delete(slug);
        } catch (ApiException e) {
            return seeOther("/admin/groups");
        }
        return seeOther("/admin/groups?notice=deleted");
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
