package org.vigie.board.admin.ui;

import static org.vigie.board.admin.ui.Forms.seeOther;
import static org.vigie.board.admin.ui.Forms.sent;

import java.util.List;
import java.util.Map;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.group.Group;
import org.vigie.board.group.GroupCatalog;
import org.vigie.board.group.GroupCatalog.GroupInput;
import org.vigie.board.service.Service;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin pages for groups (stashboard's service lists). */
@Path("/admin/groups")
@Produces(MediaType.TEXT_HTML)
public class GroupPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<GroupItem> groups, String notice);

        static native TemplateInstance form(String slug, GroupForm form, Map<String, String> errors);
    }

    public record GroupItem(String slug, String name, String description, int order, long services) {}

    /** What the form sends, and shows again. */
    public record GroupForm(
            @RestForm String name,
            @RestForm String description,
            @RestForm String order) {
        GroupInput input() {
            return new GroupInput(sent(name), null, sent(description), order);
        }
    }

    private final GroupCatalog catalog;

    public GroupPages(GroupCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Transactional
    public String list(@RestQuery String notice) {
        List<GroupItem> items = Group.inOrder().stream()
                .map(g -> new GroupItem(g.slug, g.name, g.description, g.displayOrder, Service.count("group", g)))
                .toList();
        return Templates.list(items, Notices.text(notice)).render();
    }

    @GET
    @Path("new")
    public String newForm() {
        return Templates.form(null, new GroupForm("", "", "0"), Map.of()).render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam GroupForm form) {
        try {
            catalog.create(form.input());
            return seeOther("/admin/groups?notice=created");
        } catch (InvalidInput e) {
            return formAgain(400, null, form, e.errors());
        } catch (Conflict e) {
            return formAgain(409, null, form, Map.of("name", e.getMessage()));
        }
    }

    @GET
    @Path("{slug}/edit")
    @Transactional
    public Response edit(@PathParam("slug") String slug) {
        return Group.findBySlug(slug)
                .map(g -> new GroupForm(g.name, g.description, String.valueOf(g.displayOrder)))
                .map(form -> Response.ok(Templates.form(slug, form, Map.of()).render())
                        .build())
                .orElseGet(() -> seeOther("/admin/groups"));
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @BeanParam GroupForm form) {
        try {
            catalog.update(slug, form.input());
            return seeOther("/admin/groups?notice=saved");
        } catch (InvalidInput e) {
            return formAgain(400, slug, form, e.errors());
        } catch (NotFound e) {
            return seeOther("/admin/groups");
        }
    }

    @POST
    @Path("{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug) {
        try {
            catalog.delete(slug);
            return seeOther("/admin/groups?notice=deleted");
        } catch (NotFound e) {
            return seeOther("/admin/groups");
        }
    }

    private static Response formAgain(int status, String slug, GroupForm form, Map<String, String> errors) {
        return Forms.page(status, Templates.form(slug, form, errors).render());
    }
}
