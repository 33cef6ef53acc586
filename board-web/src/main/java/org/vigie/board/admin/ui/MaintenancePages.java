package org.vigie.board.admin.ui;

import static org.vigie.board.admin.ui.Forms.seeOther;
import static org.vigie.board.admin.ui.Forms.sent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.vigie.board.maintenance.service.MaintenanceCatalog;
import org.vigie.board.maintenance.service.MaintenanceCatalog.MaintenanceInput;
import org.vigie.board.maintenance.service.MaintenanceView;
import org.vigie.board.service.Service;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin pages for scheduled maintenance: the list, planning or changing a window, ending it now, deleting it. */
@Path("/admin/maintenance")
@Produces(MediaType.TEXT_HTML)
public class MaintenancePages {

    /** What a datetime-local field shows and sends: UTC, to the second. */
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<MaintenanceView> windows, String notice, String error);

        static native TemplateInstance form(
                Long id, MaintenanceForm form, List<ServiceChoice> services, Map<String, String> errors);
    }

    /** A service in the form's list, ticked when the window covers it. */
    public record ServiceChoice(String slug, String name, boolean chosen) {}

    /** What the form sends, and shows again: times in UTC as a datetime-local field sends them. */
    public record MaintenanceForm(
            @RestForm String title,
            @RestForm String message,
            @RestForm List<String> services,
            @RestForm String start,
            @RestForm String end,
            @RestForm String repeat) {

        MaintenanceInput input() {
            return new MaintenanceInput(
                    sent(title),
                    sent(message),
                    services == null ? List.of() : services,
                    start,
                    end,
                    repeat == null ? "" : repeat);
        }
    }

    private final MaintenanceCatalog catalog;

    public MaintenancePages(MaintenanceCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public String list(@RestQuery String notice) {
        return Templates.list(catalog.all(500), Notices.text(notice), null).render();
    }

    @GET
    @Path("new")
    public String newForm() {
        MaintenanceForm empty = new MaintenanceForm("", "", List.of(), "", "", "");
        return Templates.form(null, empty, choices(List.of()), Map.of()).render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam MaintenanceForm form) {
        try {
            catalog.create(form.input());
            return seeOther("/admin/maintenance?notice=created");
        } catch (InvalidInput e) {
            return Forms.page(
                    400,
                    Templates.form(null, form, choices(form.services()), e.errors())
                            .render());
        }
    }

    @GET
    @Path("{id}")
    public Response edit(@PathParam("id") long id) {
        return catalog.find(id)
                .map(m -> Response.ok(Templates.form(id, formOf(m), choices(slugs(m)), Map.of())
                                .render())
                        .build())
                .orElseGet(() -> seeOther("/admin/maintenance"));
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @BeanParam MaintenanceForm form) {
        try {
            catalog.update(id, form.input());
            return seeOther("/admin/maintenance?notice=saved");
        } catch (InvalidInput e) {
            return Forms.page(
                    400,
                    Templates.form(id, form, choices(form.services()), e.errors())
                            .render());
        } catch (NotFound e) {
            return seeOther("/admin/maintenance");
        }
    }

    @POST
    @Path("{id}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response end(@PathParam("id") long id) {
        try {
            catalog.endNow(id);
            return seeOther("/admin/maintenance?notice=ended");
        } catch (Conflict e) {
            return Forms.page(
                    409, Templates.list(catalog.all(500), null, e.getMessage()).render());
        } catch (NotFound e) {
            return seeOther("/admin/maintenance");
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id) {
        try {
            catalog.delete(id);
            return seeOther("/admin/maintenance?notice=deleted");
        } catch (NotFound e) {
            return seeOther("/admin/maintenance");
        }
    }

    private static MaintenanceForm formOf(MaintenanceView m) {
        return new MaintenanceForm(
                m.title(),
                m.message(),
                slugs(m),
                local(m.startsAt()),
                local(m.endsAt()),
                m.repeat() == null ? "" : m.repeat());
    }

    private static List<String> slugs(MaintenanceView m) {
        return m.services().stream().map(MaintenanceView.Affected::slug).toList();
    }

    private static String local(Instant t) {
        return t == null ? "" : LOCAL.format(t);
    }

    /** Every service in board order, ticked when chosen. */
    @Transactional
    List<ServiceChoice> choices(List<String> chosen) {
        List<String> picked = chosen == null ? List.of() : chosen;
        return Service.inOrder().stream()
                .map(s -> new ServiceChoice(s.slug, s.name, picked.contains(s.slug)))
                .toList();
    }
}
