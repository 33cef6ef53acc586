package org.vigie.board.admin.ui;

import static org.vigie.board.admin.ui.Forms.seeOther;
import static org.vigie.board.admin.ui.Forms.sent;

import java.util.LinkedHashMap;
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
import org.vigie.board.incident.Impact;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.ServiceImpact;
import org.vigie.board.incident.service.IncidentCatalog;
import org.vigie.board.incident.service.IncidentCatalog.IncidentInput;
import org.vigie.board.incident.service.IncidentCatalog.UpdateInput;
import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.service.Service;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin pages for incidents: the list (drafts included), opening one, and one incident with its timeline. */
@Path("/admin/incidents")
@Produces(MediaType.TEXT_HTML)
public class IncidentPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IncidentView> incidents, boolean drafts, String notice);

        static native TemplateInstance form(
                IncidentForm form, List<ServiceChoice> services, Choices choices, Map<String, String> errors);

        static native TemplateInstance show(
                IncidentView i,
                IncidentForm form,
                List<ServiceChoice> services,
                UpdateForm update,
                Choices choices,
                Map<String, String> errors,
                String notice);
    }

    /** A service in the form's list, with the impact chosen on it (empty: not affected). */
    public record ServiceChoice(String slug, String name, String impact) {}

    /** The words the selects offer, as the API spells them. */
    public record Choices(List<String> impacts, List<String> states, List<String> serviceImpacts) {}

    private static final Choices CHOICES = new Choices(
            java.util.Arrays.stream(Impact.values()).map(Impact::slug).toList(),
            java.util.Arrays.stream(IncidentState.values())
                    .map(IncidentState::slug)
                    .toList(),
            java.util.Arrays.stream(ServiceImpact.values())
                    .map(ServiceImpact::slug)
                    .toList());

    /**
     * What the incident form sends, and shows again. {@code services} holds one {@code slug=impact} per affected
     * service (a select per service; its empty choice sends nothing useful). State, message and timestamp are the
     * first update's, on opening only.
     */
    public record IncidentForm(
            @RestForm String title,
            @RestForm String impact,
            @RestForm String published,
            @RestForm List<String> services,
            @RestForm String state,
            @RestForm String message,
            @RestForm String timestamp) {

        Map<String, String> serviceImpacts() {
            Map<String, String> out = new LinkedHashMap<>();
            if (services != null) {
                for (String s : services) {
                    int eq = s == null ? -1 : s.indexOf('=');
                    if (eq > 0) {
                        out.put(s.substring(0, eq), s.substring(eq + 1));
                    }
                }
            }
            return out;
        }

        /** An unchecked box sends nothing: not published, a draft. */
        String publishedFlag() {
            return published == null ? "false" : "true";
        }
    }

    /** An update of the timeline, as its form sends it. */
    public record UpdateForm(
            @RestForm String state,
            @RestForm String message,
            @RestForm String timestamp) {}

    private final IncidentCatalog catalog;

    public IncidentPages(IncidentCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every incident, or with {@code ?show=drafts} the drafts waiting (the admin menu's count links there). */
    @GET
    public String list(@RestQuery String show, @RestQuery String notice) {
        boolean drafts = "drafts".equals(show);
        return Templates.list(drafts ? catalog.waitingDrafts(500) : catalog.all(500), drafts, Notices.text(notice))
                .render();
    }

    @GET
    @Path("new")
    public String newForm() {
        IncidentForm empty = new IncidentForm("", "minor", "on", List.of(), "investigating", "", "");
        return Templates.form(empty, choices(Map.of()), CHOICES, Map.of()).render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam IncidentForm form) {
        try {
            IncidentView i = catalog.create(new IncidentInput(
                    sent(form.title()),
                    sent(form.impact()),
                    form.serviceImpacts(),
                    form.publishedFlag(),
                    form.state(),
                    sent(form.message()),
                    form.timestamp()));
            return seeOther("/admin/incidents/" + i.id() + "?notice=created");
        } catch (InvalidInput e) {
            return Forms.page(
                    400,
                    Templates.form(form, choices(form.serviceImpacts()), CHOICES, e.errors())
                            .render());
        }
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") long id, @RestQuery String notice) {
        return catalog.find(id)
                .map(i -> Response.ok(
                                showPage(i, formOf(i), new UpdateForm(i.state().slug(), "", ""), Map.of(), notice))
                        .build())
                .orElseGet(() -> seeOther("/admin/incidents"));
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @BeanParam IncidentForm form) {
        try {
            catalog.update(
                    id,
                    new IncidentInput(
                            sent(form.title()),
                            sent(form.impact()),
                            form.serviceImpacts(),
                            form.publishedFlag(),
                            null,
                            null,
                            null));
            return seeOther("/admin/incidents/" + id + "?notice=saved");
        } catch (InvalidInput e) {
            return again(id, form, null, e);
        } catch (NotFound e) {
            return seeOther("/admin/incidents");
        }
    }

    @POST
    @Path("{id}/updates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@PathParam("id") long id, @BeanParam UpdateForm update) {
        try {
            catalog.post(id, new UpdateInput(update.state(), sent(update.message()), update.timestamp()));
            return seeOther("/admin/incidents/" + id + "?notice=posted");
        } catch (InvalidInput e) {
            return again(id, null, update, e);
        } catch (NotFound e) {
            return seeOther("/admin/incidents");
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id) {
        try {
            catalog.delete(id);
            return seeOther("/admin/incidents?notice=deleted");
        } catch (NotFound e) {
            return seeOther("/admin/incidents");
        }
    }

    /** The incident's page again with the errors of the form that was sent, the other form as it stands. */
    private Response again(long id, IncidentForm form, UpdateForm update, InvalidInput e) {
        return catalog.find(id)
                .map(i -> Forms.page(
                        400,
                        showPage(
                                i,
                                form != null ? form : formOf(i),
                                update != null
                                        ? update
                                        : new UpdateForm(i.state().slug(), "", ""),
                                e.errors(),
                                null)))
                .orElseGet(() -> seeOther("/admin/incidents"));
    }

    private String showPage(
            IncidentView i, IncidentForm form, UpdateForm update, Map<String, String> errors, String notice) {
        return Templates.show(i, form, choices(form.serviceImpacts()), update, CHOICES, errors, Notices.text(notice))
                .render();
    }

    private static IncidentForm formOf(IncidentView i) {
        return new IncidentForm(
                i.title(),
                i.impact().slug(),
                i.published() ? "on" : null,
                i.services().stream()
                        .map(s -> s.slug() + "=" + s.impact().slug())
                        .toList(),
                null,
                null,
                null);
    }

    /** Every service in board order, each with the impact chosen on it. */
    @Transactional
    List<ServiceChoice> choices(Map<String, String> chosen) {
        return Service.inOrder().stream()
                .map(s -> new ServiceChoice(s.slug, s.name, chosen.getOrDefault(s.slug, "")))
                .toList();
    }
}
