package org.vigie.board.admin.ui;

import static org.vigie.board.admin.ui.Forms.seeOther;
import static org.vigie.board.admin.ui.Forms.sent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.board.event.StatusUpdates;
import org.vigie.board.event.StatusUpdates.EventInput;
import org.vigie.board.group.Group;
import org.vigie.board.incident.service.AutoIncidents;
import org.vigie.board.pool.Quorum;
import org.vigie.board.pool.service.PoolSummaries;
import org.vigie.board.pool.service.PoolSummaries.PoolSummary;
import org.vigie.board.result.MissedCheck;
import org.vigie.board.result.StoredResult;
import org.vigie.board.service.CheckSchedule;
import org.vigie.board.service.Service;
import org.vigie.board.service.ServiceCatalog;
import org.vigie.board.service.ServiceCatalog.ServiceInput;
import org.vigie.board.status.Status;
import org.vigie.board.status.StatusIcon;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;
import org.vigie.check.Outcome;
import org.vigie.check.Pools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Admin pages for services: list, add, edit, delete, "check now", and on a service's page its connection string,
 * the evidence of its latest failed check, its events, and the form to post a status update or a note.
 * Writes redirect (303) on success and show the form again with each error beside its field on failure.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class ServicePages {

    static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    static final int EVENTS_SHOWN = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ServiceItem> services, String notice);

        static native TemplateInstance form(
                String slug, ServiceForm form, Map<String, String> errors, List<Group> groups, String incidentsDefault);

        static native TemplateInstance show(
                ServiceDetail service,
                List<EventItem> events,
                List<Status> statuses,
                EventForm event,
                Map<String, String> errors,
                FailedCheck failure,
                List<MissedCount> missed,
                String notice);

        static native TemplateInstance notFound(String slug);
    }

    public record ServiceItem(
            String slug,
            String name,
            String group,
            String statusName,
            String statusIcon,
            String target,
            int interval) {}

    /** Checks of the service that never produced a result in the last hour, of one kind (expired, malformed...). */
    public record MissedCount(String kind, long count) {}

    /**
     * What the form sends, and shows again; an empty group or target removes it. {@code fullReasonsPublic} is a
     * checkbox: a browser sends it only when ticked. {@code incidents}: off, draft, publish, or empty for the board's
     * default.
     */
    public record ServiceForm(
            @RestForm String name,
            @RestForm String description,
            @RestForm String group,
            @RestForm String order,
            @RestForm String target,
            @RestForm String interval,
            @RestForm String fullReasonsPublic,
            @RestForm String pools,
            @RestForm String quorum,
            @RestForm String incidents) {

        static ServiceForm of(Service s) {
            return new ServiceForm(
                    s.name,
                    s.description,
                    s.group == null ? "" : s.group.slug,
                    String.valueOf(s.displayOrder),
                    s.target == null ? "" : s.target,
                    String.valueOf(s.checkIntervalSeconds),
                    s.fullReasonsPublic ? "true" : "false",
                    s.pools.replace(",", ", "),
                    s.poolQuorum == null ? "" : String.valueOf(s.poolQuorum),
                    s.incidents == null ? "" : s.incidents.slug());
        }

        ServiceInput input() {
            return new ServiceInput(
                    sent(name),
                    null,
                    sent(description),
                    sent(group),
                    order,
                    sent(target),
                    interval,
                    fullReasonsPublic == null ? "false" : fullReasonsPublic,
                    sent(pools),
                    sent(quorum),
                    sent(incidents));
        }

        /** Whether the checkbox shows ticked. */
        public boolean fullReasonsTicked() {
            return fullReasonsPublic != null && !fullReasonsPublic.isBlank() && !fullReasonsPublic.equals("false");
        }
    }

    public record ServiceDetail(
            String slug,
            String name,
            String description,
            String group,
            String statusName,
            String statusIcon,
            String statusSince,
            String target,
            int interval,
            String nextCheck,
            boolean fullReasonsPublic,
            LastCheck lastCheck,
            String pools,
            String quorum,
            List<PoolSummary> poolChecks,
            String incidents) {}

    /** The last check: its full reason, and the public one the board shows unless the service shows full reasons. */
    public record LastCheck(String at, String outcome, int latencyMillis, String reason, String publicReason) {}

    public record EventItem(
            long id,
            String at,
            String statusName,
            String statusIcon,
            String message,
            String publicMessage,
            boolean informational,
            String source) {}

    public record EventForm(String status, String message, boolean informational, String timestamp) {}

    public record Evidence(String key, String value) {}

    public record FailedCheck(
            String at,
            String outcome,
            String reason,
            String publicReason,
            int latencyMillis,
            List<Evidence> evidence) {}

    private final ServiceCatalog catalog;
    private final StatusUpdates updates;
    private final ObjectMapper json;
    private final PoolSummaries poolSummaries;
    private final AutoIncidents autoIncidents;

    public ServicePages(
            ServiceCatalog catalog,
            StatusUpdates updates,
            ObjectMapper json,
            PoolSummaries poolSummaries,
            AutoIncidents autoIncidents) {
        this.catalog = catalog;
        this.updates = updates;
        this.json = json;
        this.poolSummaries = poolSummaries;
        this.autoIncidents = autoIncidents;
    }

    @GET
    public Response home() {
        return seeOther("/admin/services");
    }

    @GET
    @Path("services")
    @Transactional
    public String list(@RestQuery String notice) {
        Status fallback = Status.findDefault();
        List<ServiceItem> items = Service.inOrder().stream()
                .map(s -> {
                    Status st = s.status != null ? s.status : fallback;
                    return new ServiceItem(
                            s.slug,
                            s.name,
                            s.group == null ? "" : s.group.name,
                            st.name,
                            icon(st),
                            s.target,
                            s.checkIntervalSeconds);
                })
                .toList();
        return Templates.list(items, Notices.text(notice)).render();
    }

    @GET
    @Path("services/new")
    @Transactional
    public String newForm() {
        return Templates.form(
                        null,
                        new ServiceForm(
                                "",
                                "",
                                "",
                                "0",
                                "",
                                String.valueOf(Service.DEFAULT_INTERVAL_SECONDS),
                                "false",
                                Pools.DEFAULT,
                                "",
                                ""),
                        Map.of(),
                        Group.inOrder(),
                        autoIncidents.boardDefault().slug())
                .render();
    }

    @POST
    @Path("services")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam ServiceForm form) {
        try {
            Service s = catalog.create(form.input());
            return seeOther("/admin/services/" + s.slug + "?notice=created");
        } catch (InvalidInput e) {
            return formAgain(null, form, e.errors());
        } catch (Conflict e) {
            return formAgain(null, form, Map.of("name", e.getMessage()));
        }
    }

    @GET
    @Path("services/{slug}")
    @Transactional
    public Response show(@PathParam("slug") String slug, @RestQuery String notice) {
        return Service.findBySlug(slug)
                .map(s -> Response.ok(page(s, new EventForm("", "", false, ""), Map.of(), Notices.text(notice)))
                        .build())
                .orElseGet(() -> notFound(slug));
    }

    @GET
    @Path("services/{slug}/edit")
    @Transactional
    public Response edit(@PathParam("slug") String slug) {
        return Service.findBySlug(slug)
                .map(s -> Response.ok(Templates.form(
                                        s.slug,
                                        ServiceForm.of(s),
                                        Map.of(),
                                        Group.inOrder(),
                                        autoIncidents.boardDefault().slug())
                                .render())
                        .build())
                .orElseGet(() -> notFound(slug));
    }

    @POST
    @Path("services/{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @BeanParam ServiceForm form) {
        try {
            catalog.update(slug, form.input());
            return seeOther("/admin/services/" + slug + "?notice=saved");
        } catch (InvalidInput e) {
            return formAgain(slug, form, e.errors());
        } catch (NotFound e) {
            return notFound(slug);
        }
    }

    @POST
    @Path("services/{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug) {
        return onService(slug, () -> catalog.delete(slug), "/admin/services?notice=deleted");
    }

    @POST
    @Path("services/{slug}/check-now")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response checkNow(@PathParam("slug") String slug) {
        try {
            catalog.checkNow(slug);
            return seeOther("/admin/services/" + slug + "?notice=check-now");
        } catch (NotFound e) {
            return notFound(slug);
        } catch (Conflict e) {
            return seeOther("/admin/services/" + slug); // no connection string: the page says so
        }
    }

    @POST
    @Path("services/{slug}/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response postEvent(
            @PathParam("slug") String slug,
            @RestForm String status,
            @RestForm String message,
            @RestForm String informational,
            @RestForm String timestamp) {
        boolean note = informational != null && !informational.isBlank();
        try {
            updates.post(slug, new EventInput(note ? null : status, message, note ? "true" : "false", timestamp));
            return seeOther("/admin/services/" + slug + "?notice=posted");
        } catch (InvalidInput e) {
            EventForm form = new EventForm(status, message, note, timestamp);
            return QuarkusTransaction.requiringNew()
                    .call(() -> Service.findBySlug(slug)
                            .map(s -> Forms.page(400, page(s, form, e.errors(), null)))
                            .orElseGet(() -> notFound(slug)));
        } catch (NotFound e) {
            return notFound(slug);
        }
    }

    @POST
    @Path("services/{slug}/events/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteEvent(@PathParam("slug") String slug, @PathParam("id") long id) {
        return onService(slug, () -> updates.delete(slug, id), "/admin/services/" + slug + "?notice=event-deleted");
    }

    /** Does something to a service, then redirects; the not-found page when there is no such service. */
    private Response onService(String slug, Runnable action, String redirect) {
        try {
            action.run();
            return seeOther(redirect);
        } catch (NotFound e) {
            return notFound(slug);
        }
    }

    private String page(Service s, EventForm eventForm, Map<String, String> errors, String notice) {
        Status st = s.status != null ? s.status : Status.findDefault();
        CheckSchedule schedule = CheckSchedule.findById(s.id);
        CheckState state = CheckState.findById(s.id);
        ServiceDetail detail = new ServiceDetail(
                s.slug,
                s.name,
                s.description,
                s.group == null ? "" : s.group.name,
                st.name,
                icon(st),
                s.statusSince == null ? "" : UTC.format(s.statusSince),
                s.target,
                s.checkIntervalSeconds,
                schedule == null ? "" : UTC.format(schedule.nextCheckAt),
                s.fullReasonsPublic,
                state == null || state.lastCheckedAt == null
                        ? null
                        : new LastCheck(
                                UTC.format(state.lastCheckedAt),
                                state.lastOutcome.name(),
                                state.lastLatencyMillis,
                                state.lastReason,
                                state.lastPublicReason),
                s.pools.replace(",", ", "),
                s.poolQuorum == null
                        ? "a majority (" + Quorum.of(null, s.poolList().size()) + ")"
                        : String.valueOf(s.poolQuorum),
                poolSummaries.of(
                        s.id, s.poolList(), LocalDate.now(ZoneOffset.UTC).minusDays(6)),
                autoIncidents.onDown(s).slug() + (s.incidents == null ? " (the board's default)" : ""));
        List<EventItem> events = Event.<Event>find(
                        "from Event e join fetch e.status where e.service = ?1 "
                                + "order by e.createdAt desc, e.id desc",
                        s)
                .page(Page.ofSize(EVENTS_SHOWN))
                .list()
                .stream()
                .map(e -> new EventItem(
                        e.id,
                        UTC.format(e.createdAt),
                        e.status.name,
                        icon(e.status),
                        e.message,
                        e.publicMessage,
                        e.informational,
                        e.source.name().toLowerCase()))
                .toList();
        List<Status> statuses = Status.inOrder();
        List<MissedCount> missed =
                MissedCheck.countByKind(s.id, Instant.now().minus(Duration.ofHours(1))).entrySet().stream()
                        .map(e -> new MissedCount(e.getKey(), e.getValue()))
                        .toList();
        return Templates.show(detail, events, statuses, eventForm, errors, failure(s.id), missed, notice)
                .render();
    }

    /** The latest result that was not up, with what the probe saw; none when every stored result was up. */
    private FailedCheck failure(long serviceId) {
        StoredResult r = StoredResult.<StoredResult>find(
                        "serviceId = ?1 and outcome <> ?2 order by finishedAt desc, id desc", serviceId, Outcome.UP)
                .firstResult();
        if (r == null) {
            return null;
        }
        List<Evidence> evidence = new ArrayList<>();
        if (r.evidence != null && !r.evidence.isBlank()) {
            try {
                Map<String, Object> seen =
                        new TreeMap<>(json.readValue(r.evidence, new TypeReference<Map<String, Object>>() {}));
                seen.forEach((k, v) ->
                        evidence.add(new Evidence(k, v == null ? "" : v instanceof String text ? text : v.toString())));
            } catch (Exception e) {
                evidence.add(new Evidence("(unreadable)", r.evidence));
            }
        }
        return new FailedCheck(
                UTC.format(r.finishedAt), r.outcome.name(), r.reason, r.publicReason, r.latencyMillis, evidence);
    }

    /** The form again, with each error beside its field (a conflict beside the name, whose slug is taken). */
    private Response formAgain(String slug, ServiceForm form, Map<String, String> errors) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Forms.page(
                        400,
                        Templates.form(
                                        slug,
                                        form,
                                        errors,
                                        Group.inOrder(),
                                        autoIncidents.boardDefault().slug())
                                .render()));
    }

    static String icon(Status status) {
        return StatusIcon.shown(status.image);
    }

    private static Response notFound(String slug) {
        return Response.status(404)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.notFound(slug).render())
                .build();
    }
}
