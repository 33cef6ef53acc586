package org.vigie.board.admin.ui;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.ui.Notices;
import org.vigie.board.web.ApiException;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.status.Severity;
import org.vigie.board.status.Status;
import org.vigie.board.status.StatusCatalog;
import org.vigie.board.status.StatusCatalog.StatusInput;
import org.vigie.board.status.StatusIcon;

import io.quarkus.narayana.jta.QuarkusTransaction;
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

/** Admin pages for statuses, with an icon picker (radio buttons showing the icons) and the default flag. */
@Path("/admin/statuses")
@Produces(MediaType.TEXT_HTML)
public class StatusPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<StatusItem> statuses, String notice, String error);

        static native TemplateInstance form(String slug, StatusForm form, Map<String, String> errors, List<String> icons,
                List<String> severities);
    }

    public record StatusItem(String slug, String name, String description, String severity, String icon, boolean isDefault) {
    }

    public record StatusForm(String name, String description, String severity, String image, boolean isDefault) {
    }

    private final StatusCatalog catalog;

    public StatusPages(StatusCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Transactional
    public String list(@RestQuery String notice) {
        return page(Notices.text(notice), null);
    }

    @GET
    @Path("new")
    public String newForm() {
        return form(null, new StatusForm("", "", Severity.NORMAL.name(), StatusIcon.defaultFor(Severity.NORMAL), false), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name, @RestForm String description, @RestForm String severity,
            @RestForm String image, @RestForm("default") String isDefault) {
        StatusForm form = new StatusForm(name, description, severity, image, isDefault != null);
        try {
            catalog.create(new StatusInput(name, null, description, severity, image, isDefault == null ? "false" : "true"));
            return seeOther("/admin/statuses?notice=created");
        } catch (InvalidInput e) {
            return Response.status(400).entity(form(null, form, e.errors())).build();
        } catch (ApiException e) {
            return Response.status(e.status()).entity(form(null, form, Map.of("name", e.getMessage()))).build();
        }
    }

    @GET
    @Path("{slug}/edit")
    @Transactional
    public Response edit(@PathParam("slug") String slug) {
        return Status.findBySlug(slug)
                .map(s -> Response.ok(form(s.slug, new StatusForm(s.name, s.description, s.severity.name(), s.image, s.isDefault), Map.of())).build())
                .orElseGet(() -> Response.status(404).entity(page(null, "No status \"" + slug + "\".")).build());
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @RestForm String name, @RestForm String description,
            @RestForm String severity, @RestForm String image, @RestForm("default") String isDefault) {
        StatusForm form = new StatusForm(name, description, severity, image, isDefault != null);
        try {
            catalog.update(slug, new StatusInput(name == null ? "" : name, null, description == null ? "" : description,
                    severity, image, isDefault == null ? "false" : "true"));
            return seeOther("/admin/statuses?notice=saved");
        } catch (InvalidInput e) {
            return Response.status(400).entity(form(slug, form, e.errors())).build();
        } catch (ApiException e) {
            return Response.status(e.status()).entity(QuarkusTransaction.requiringNew().call(() -> page(null, e.getMessage()))).build();
        }
    }

    @POST
    @Path("{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug, @RestForm("csrf-token") String csrf) {
        try {
            catalog.delete(slug);
            return seeOther("/admin/statuses?notice=deleted");
        } catch (ApiException e) {
            return Response.status(e.status()).entity(QuarkusTransaction.requiringNew().call(() -> page(null, e.getMessage()))).build();
        }
    }

    private String page(String notice, String error) {
        List<StatusItem> items = Status.inOrder().stream()
                .map(s -> new StatusItem(s.slug, s.name, s.description, s.severity.name(),
                        StatusIcon.shown(s.image), s.isDefault))
                .toList();
        return Templates.list(items, notice, error).render();
    }

    private static String form(String slug, StatusForm form, Map<String, String> errors) {
        List<String> icons = StatusIcon.NAMES;
        List<String> severities = Arrays.stream(Severity.values()).map(Enum::name).toList();
        return Templates.form(slug, form, errors, icons, severities).render();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
