package org.vigie.board.admin.ui;

import static org.vigie.board.admin.ui.Forms.seeOther;
import static org.vigie.board.admin.ui.Forms.sent;

import java.util.Arrays;
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
import org.vigie.board.status.Severity;
import org.vigie.board.status.Status;
import org.vigie.board.status.StatusCatalog;
import org.vigie.board.status.StatusCatalog.StatusInput;
import org.vigie.board.status.StatusIcon;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin pages for statuses, with an icon picker (radio buttons showing the icons) and the default flag. */
@Path("/admin/statuses")
@Produces(MediaType.TEXT_HTML)
public class StatusPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<StatusItem> statuses, String notice, String error);

        static native TemplateInstance form(
                String slug, StatusForm form, Map<String, String> errors, List<String> icons, List<String> severities);
    }

    public record StatusItem(
            String slug, String name, String description, String severity, String icon, boolean isDefault) {}

    /** What the form sends, and shows again; the default checkbox is sent when checked only. */
    public record StatusForm(
            @RestForm String name,
            @RestForm String description,
            @RestForm String severity,
            @RestForm String image,
            @RestForm("default") String isDefault) {

        static StatusForm of(Status s) {
            return new StatusForm(s.name, s.description, s.severity.name(), s.image, s.isDefault ? "true" : null);
        }

        public boolean checked() {
            return isDefault != null;
        }

        StatusInput input() {
            return new StatusInput(sent(name), null, sent(description), severity, image, String.valueOf(checked()));
        }
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
        Severity normal = Severity.NORMAL;
        return form(null, new StatusForm("", "", normal.name(), StatusIcon.defaultFor(normal), null), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam StatusForm form) {
        try {
            catalog.create(form.input());
            return seeOther("/admin/statuses?notice=created");
        } catch (InvalidInput e) {
            return Forms.page(400, form(null, form, e.errors()));
        } catch (Conflict e) {
            return Forms.page(409, form(null, form, Map.of("name", e.getMessage())));
        }
    }

    @GET
    @Path("{slug}/edit")
    @Transactional
    public Response edit(@PathParam("slug") String slug) {
        return Status.findBySlug(slug)
                .map(s -> Response.ok(form(s.slug, StatusForm.of(s), Map.of())).build())
                .orElseGet(() -> Forms.page(404, page(null, "No status \"" + slug + "\".")));
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @BeanParam StatusForm form) {
        try {
            catalog.update(slug, form.input());
            return seeOther("/admin/statuses?notice=saved");
        } catch (InvalidInput e) {
            return Forms.page(400, form(slug, form, e.errors()));
        } catch (NotFound e) {
            return listAgain(404, e.getMessage());
        }
    }

    @POST
    @Path("{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug) {
        try {
            catalog.delete(slug);
            return seeOther("/admin/statuses?notice=deleted");
        } catch (NotFound e) {
            return listAgain(404, e.getMessage());
        } catch (Conflict e) {
            return listAgain(409, e.getMessage());
        }
    }

    /** The list with why the change was refused; in a transaction of its own, the refused one being rolled back. */
    private Response listAgain(int status, String error) {
        return Forms.page(status, QuarkusTransaction.requiringNew().call(() -> page(null, error)));
    }

    private String page(String notice, String error) {
        List<StatusItem> items = Status.inOrder().stream()
                .map(s -> new StatusItem(
                        s.slug, s.name, s.description, s.severity.name(), StatusIcon.shown(s.image), s.isDefault))
                .toList();
        return Templates.list(items, notice, error).render();
    }

    private static String form(String slug, StatusForm form, Map<String, String> errors) {
        List<String> icons = StatusIcon.NAMES;
        List<String> severities =
                Arrays.stream(Severity.values()).map(Enum::name).toList();
        return Templates.form(slug, form, errors, icons, severities).render();
    }
}
