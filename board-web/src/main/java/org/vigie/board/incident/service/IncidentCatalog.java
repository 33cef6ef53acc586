package org.vigie.board.incident.service;

import static org.vigie.board.web.Inputs.trimToNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.vigie.board.event.StatusUpdates;
import org.vigie.board.incident.Impact;
import org.vigie.board.incident.Incident;
import org.vigie.board.incident.IncidentChanged;
import org.vigie.board.incident.IncidentChanged.Change;
import org.vigie.board.incident.IncidentService;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.IncidentUpdate;
import org.vigie.board.incident.ServiceImpact;
import org.vigie.board.service.Service;
import org.vigie.board.web.Inputs;

import io.quarkus.panache.common.Page;

/**
 * Opens, changes, updates and removes incidents, and reads them for admins (drafts included) and for the public
 * (published only). Every write checks all its fields first and refuses with each wrong one named.
 */
@ApplicationScoped
public class IncidentCatalog {

    private final Clock clock;
    private final Event<IncidentDrafts.Changed> changed;

    public IncidentCatalog(Clock clock, Event<IncidentDrafts.Changed> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * What an admin sends to open or change an incident. {@code services} maps a service's slug to its impact on
     * it ({@code degraded-performance}, {@code partial-outage}, {@code major-outage}); on a change, a field left out
     * keeps its value. {@code state}, {@code message} and {@code timestamp} are the first update's, on opening only.
     */
    public record IncidentInput(
            String title,
            String impact,
            Map<String, String> services,
            String published,
            String state,
            String message,
            String timestamp) {}

    /** An update of the timeline: the state it sets (required), what is said, and when (default now). */
    public record UpdateInput(String state, String message, String timestamp) {}

    @Transactional
    public IncidentView create(IncidentInput in) {
        Inputs inputs = new Inputs();
        String title = inputs.required("title", in.title(), Incident.TITLE_MAX);
        Impact impact = in.impact() == null ? Impact.NONE : impact(inputs, in.impact());
        Map<Service, ServiceImpact> services = services(inputs, in.services());
        Boolean published = inputs.flag("published", in.published());
        IncidentState state = trimToNull(in.state()) == null ? IncidentState.INVESTIGATING : state(inputs, in.state());
        String message = inputs.required("message", in.message(), IncidentUpdate.MESSAGE_MAX);
        Instant at = time(inputs, in.timestamp());
        inputs.throwIfAny();

        Incident incident = new Incident();
        incident.title = title;
        incident.impact = impact;
        incident.published = published == null || published;
        services.forEach((service, how) -> affect(incident, service, how));
        addUpdate(incident, state, message, at);
        incident.recompute();
        incident.persist();
        changed.fire(new IncidentDrafts.Changed());
        if (incident.published) {
            IncidentChanged.fire(incident, latest(incident), Change.OPENED);
        }
        return view(incident);
    }

    /**
     * An incident opened by Vigie itself (a draft, or published at once), its fields already checked; in the caller's
     * transaction, which fires {@link IncidentDrafts.Changed}.
     */
    static Incident openByChecks(
            String title,
            Impact impact,
            Map<Service, ServiceImpact> services,
            boolean published,
            IncidentState state,
            String message,
            Instant at) {
        Incident incident = new Incident();
        incident.title = cut(title, Incident.TITLE_MAX);
        incident.impact = impact;
        incident.published = published;
        services.forEach((service, how) -> affect(incident, service, how));
        addUpdate(incident, state, cut(message, IncidentUpdate.MESSAGE_MAX), at);
        incident.recompute();
        incident.persist();
        if (published) {
            IncidentChanged.fire(incident, latest(incident), Change.OPENED);
        }
        return incident;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Changes the title, impact, services or publication; the timeline is changed by {@link #post}. */
    @Transactional
    public IncidentView update(long id, IncidentInput in) {
        Incident incident = lock(id);
        Inputs inputs = new Inputs();
        String title = in.title() == null ? incident.title : inputs.required("title", in.title(), Incident.TITLE_MAX);
        Impact impact = in.impact() == null ? incident.impact : impact(inputs, in.impact());
        Map<Service, ServiceImpact> services = in.services() == null ? null : services(inputs, in.services());
        Boolean published = inputs.flag("published", in.published());
        inputs.throwIfAny();

        incident.title = title;
        incident.impact = impact;
        boolean publishing = Boolean.TRUE.equals(published) && !incident.published;
        if (published != null) {
            incident.published = published;
        }
        if (services != null) {
            incident.services.removeIf(link -> !services.containsKey(link.service));
            services.forEach((service, how) -> incident.services.stream()
                    .filter(link -> link.service.id.equals(service.id))
                    .findFirst()
                    .ifPresentOrElse(link -> link.impact = how, () -> affect(incident, service, how)));
        }
        changed.fire(new IncidentDrafts.Changed());
        if (publishing) {
            IncidentChanged.fire(incident, latest(incident), Change.OPENED);
        }
        return view(incident);
    }

    /** Adds an update to the timeline; the incident takes the state of its latest update. */
    @Transactional
    public IncidentView post(long id, UpdateInput in) {
        Incident incident = lock(id);
        Inputs inputs = new Inputs();
        IncidentState state = trimToNull(in.state()) == null ? missingState(inputs) : state(inputs, in.state());
        String message = inputs.required("message", in.message(), IncidentUpdate.MESSAGE_MAX);
        Instant at = time(inputs, in.timestamp());
        inputs.throwIfAny();
        IncidentUpdate update = addUpdate(incident, state, message, at);
        incident.recompute();
        changed.fire(new IncidentDrafts.Changed());
        if (incident.published) {
            IncidentChanged.fire(incident, update, state == IncidentState.RESOLVED ? Change.RESOLVED : Change.UPDATED);
        }
        return view(incident);
    }

    @Transactional
    public void delete(long id) {
        lock(id).delete();
        changed.fire(new IncidentDrafts.Changed());
    }

    // ------------------------------------------------------------------ reads

    /** Any incident, drafts included: for admins. */
    @Transactional
    public Optional<IncidentView> find(long id) {
        return Incident.<Incident>findByIdOptional(id).map(IncidentCatalog::view);
    }

    /** A published incident: for the public. */
    @Transactional
    public Optional<IncidentView> findPublic(long id) {
        return Incident.<Incident>findByIdOptional(id).filter(i -> i.published).map(IncidentCatalog::view);
    }

    /** The drafts waiting (not published, not resolved), newest first: the admin list of drafts. */
    @Transactional
    public List<IncidentView> waitingDrafts(int limit) {
        return views(
                Incident.<Incident>find("published = false and resolvedAt is null order by createdAt desc, id desc")
                        .page(Page.ofSize(limit))
                        .list());
    }

    /** Every incident, drafts included, newest first: the admin list. */
    @Transactional
    public List<IncidentView> all(int limit) {
        return views(Incident.<Incident>find("order by createdAt desc, id desc")
                .page(Page.ofSize(limit))
                .list());
    }

    /** Published incidents not resolved, newest first: the top of the board. */
    @Transactional
    public List<IncidentView> open() {
        return views(Incident.<Incident>find("published = true and resolvedAt is null order by createdAt desc, id desc")
                .list());
    }

    /** Published incidents newest first, from {@code offset}: the {@code /incidents} pages. */
    @Transactional
    public List<IncidentView> published(int offset, int limit) {
        return views(Incident.<Incident>find("published = true order by createdAt desc, id desc")
                .range(offset, offset + limit - 1)
                .list());
    }

    /**
     * Published incidents newest first after a cursor (the last one a client read: its start and id), for the API's
     * pages: stable while incidents are added at the top.
     */
    @Transactional
    public List<IncidentView> publishedAfter(Instant createdAt, Long id, int limit) {
        var query = createdAt == null
                ? Incident.<Incident>find("published = true order by createdAt desc, id desc")
                : Incident.<Incident>find(
                        "published = true and (createdAt < ?1 or (createdAt = ?1 and id < ?2))"
                                + " order by createdAt desc, id desc",
                        createdAt,
                        id);
        return views(query.range(0, limit - 1).list());
    }

    /** A service's published incidents, newest first: its page. */
    @Transactional
    public List<IncidentView> forService(long serviceId, int limit) {
        return views(Incident.<Incident>find(
                        "select distinct i from Incident i join i.services s where i.published = true"
                                + " and s.service.id = ?1 order by i.createdAt desc, i.id desc",
                        serviceId)
                .range(0, limit - 1)
                .list());
    }

    /** An update of a published incident, with its incident: what the feeds carry. */
    public record UpdateEntry(IncidentView incident, IncidentView.UpdateView update) {}

    /** The newest updates of published incidents, newest first. */
    @Transactional
    public List<UpdateEntry> latestUpdates(int limit) {
        List<IncidentUpdate> updates = IncidentUpdate.<IncidentUpdate>find(
                        "from IncidentUpdate u join fetch u.incident i where i.published = true"
                                + " order by u.createdAt desc, u.id desc")
                .range(0, limit - 1)
                .list();
        Map<Long, IncidentView> incidents = new LinkedHashMap<>();
        List<UpdateEntry> out = new ArrayList<>(updates.size());
        for (IncidentUpdate u : updates) {
            IncidentView incident = incidents.computeIfAbsent(u.incident.id, k -> view(u.incident));
            out.add(new UpdateEntry(incident, update(u)));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static List<IncidentView> views(List<Incident> incidents) {
        return incidents.stream().map(IncidentCatalog::view).toList();
    }

    static IncidentView view(Incident i) {
        return new IncidentView(
                i.id,
                i.title,
                i.impact,
                i.state,
                i.published,
                i.createdAt,
                i.resolvedAt,
                i.services.stream()
                        .map(s -> new IncidentView.Affected(s.service.slug, s.service.name, s.impact))
                        .toList(),
                i.updates.stream()
                        .sorted(IncidentUpdate.ORDER)
                        .map(IncidentCatalog::update)
                        .toList());
    }

    private static IncidentView.UpdateView update(IncidentUpdate u) {
        return new IncidentView.UpdateView(u.id == null ? 0 : u.id, u.state, u.message, u.createdAt);
    }

    private static void affect(Incident incident, Service service, ServiceImpact how) {
        IncidentService link = new IncidentService();
        link.incident = incident;
        link.service = service;
        link.impact = how;
        incident.services.add(link);
    }

    private static IncidentUpdate latest(Incident incident) {
        return incident.updates.stream().max(IncidentUpdate.ORDER).orElse(null);
    }

    private static IncidentUpdate addUpdate(Incident incident, IncidentState state, String message, Instant at) {
        IncidentUpdate u = new IncidentUpdate();
        u.incident = incident;
        u.state = state;
        u.message = message;
        u.createdAt = at;
        incident.updates.add(u);
        if (incident.id != null) {
            u.persist(); // an id now, so the timeline orders it after updates of the same time
        }
        return u;
    }

    private static IncidentState missingState(Inputs inputs) {
        inputs.error("state", "state is required: one of " + choices(IncidentState.values()));
        return null;
    }

    private static Impact impact(Inputs inputs, String text) {
        Optional<Impact> impact = Impact.of(text);
        if (impact.isEmpty()) {
            inputs.error("impact", "impact \"" + text + "\" is not one of " + choices(Impact.values()));
        }
        return impact.orElse(null);
    }

    private static IncidentState state(Inputs inputs, String text) {
        Optional<IncidentState> state = IncidentState.of(text);
        if (state.isEmpty()) {
            inputs.error("state", "state \"" + text + "\" is not one of " + choices(IncidentState.values()));
        }
        return state.orElse(null);
    }

    /** The affected services by slug, each with a known impact; services not found are named in the error. */
    private static Map<Service, ServiceImpact> services(Inputs inputs, Map<String, String> requested) {
        Map<Service, ServiceImpact> out = new LinkedHashMap<>();
        if (requested == null) {
            return out;
        }
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String slug = e.getKey() == null ? "" : e.getKey().trim();
            Optional<Service> service = Service.findBySlug(slug);
            Optional<ServiceImpact> how = ServiceImpact.of(e.getValue());
            if (service.isEmpty()) {
                inputs.error("services", "services: no service \"" + slug + "\"");
            } else if (how.isEmpty()) {
                inputs.error(
                        "services",
                        "services: the impact on \"" + slug + "\" (\"" + e.getValue() + "\") is not one of "
                                + choices(ServiceImpact.values()));
            } else {
                out.put(service.get(), how.get());
            }
        }
        return out;
    }

    private Instant time(Inputs inputs, String timestamp) {
        Instant now = clock.instant();
        Instant at = inputs.instant("timestamp", timestamp);
        if (at != null && at.isAfter(now.plus(StatusUpdates.CLOCK_SKEW))) {
            inputs.error("timestamp", "timestamp is in the future: updates record what happened");
        }
        return at != null ? at : now;
    }

    private static String choices(Enum<?>[] values) {
        return String.join(
                ", ",
                java.util.Arrays.stream(values)
                        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                        .toList());
    }

    private static Incident lock(long id) {
        return Incident.<Incident>find("id", id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> new org.vigie.board.web.NotFound("no incident " + id));
    }
}
