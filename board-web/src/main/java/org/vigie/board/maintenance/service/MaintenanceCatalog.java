package org.vigie.board.maintenance.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.vigie.board.maintenance.MaintenanceService;
import org.vigie.board.maintenance.MaintenanceWindow;
import org.vigie.board.maintenance.Occurrences;
import org.vigie.board.service.Service;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.NotFound;

import io.quarkus.panache.common.Page;

/**
 * Plans, changes, ends and removes maintenance windows, every field checked first and each wrong one named. After
 * each change the sweep applies the windows at once ({@link WindowsChanged}), so a window that starts now shows now.
 */
@ApplicationScoped
public class MaintenanceCatalog {

    static final int REPEAT_MAX = 100;

    private final Clock clock;
    private final MaintenanceSchedule schedule;
    private final Event<WindowsChanged> changed;

    public MaintenanceCatalog(Clock clock, MaintenanceSchedule schedule, Event<WindowsChanged> changed) {
        this.clock = clock;
        this.schedule = schedule;
        this.changed = changed;
    }

    /** Fired in the transaction of a change; the sweep observes it after the commit. */
    public record WindowsChanged() {}

    /**
     * What an admin sends. {@code services} are service slugs (one at least); {@code start} and {@code end} ISO-8601
     * instants, the end after the start; {@code repeat} empty (once), {@code weekly}, or a 5-field UNIX cron
     * expression in the board's time zone, each occurrence lasting {@code end - start}. On a change, a field left out
     * keeps its value.
     */
    public record MaintenanceInput(
            String title, String message, List<String> services, String start, String end, String repeat) {}

    @Transactional
    public MaintenanceView create(MaintenanceInput in) {
        Inputs inputs = new Inputs();
        String title = inputs.required("title", in.title(), MaintenanceWindow.TITLE_MAX);
        String message = inputs.optional("message", in.message(), MaintenanceWindow.MESSAGE_MAX);
        List<Service> services = services(inputs, in.services());
        Instant start = required(inputs, "start", in.start());
        Instant end = required(inputs, "end", in.end());
        String repeat = repeat(inputs, in.repeat());
        checkTimes(inputs, start, end);
        inputs.throwIfAny();

        MaintenanceWindow w = new MaintenanceWindow();
        w.title = title;
        w.message = message;
        w.startsAt = start;
        w.endsAt = end;
        w.repeatRule = repeat;
        w.createdAt = clock.instant();
        services.forEach(s -> cover(w, s));
        w.persist();
        return done(w);
    }

    @Transactional
    public MaintenanceView update(long id, MaintenanceInput in) {
        MaintenanceWindow w = lock(id);
        Inputs inputs = new Inputs();
        String title = in.title() == null ? w.title : inputs.required("title", in.title(), MaintenanceWindow.TITLE_MAX);
        String message = in.message() == null
                ? w.message
                : inputs.optional("message", in.message(), MaintenanceWindow.MESSAGE_MAX);
        List<Service> services = in.services() == null ? null : services(inputs, in.services());
        Instant start = in.start() == null ? w.startsAt : required(inputs, "start", in.start());
        Instant end = in.end() == null ? w.endsAt : required(inputs, "end", in.end());
        String repeat = in.repeat() == null ? w.repeatRule : repeat(inputs, in.repeat());
        checkTimes(inputs, start, end);
        inputs.throwIfAny();

        w.title = title;
        w.message = message;
        if (!start.equals(w.startsAt) || !end.equals(w.endsAt)) {
            w.endedAt = null; // new times: a new plan, "end now" was about the old one
        }
        w.startsAt = start;
        w.endsAt = end;
        w.repeatRule = repeat;
        if (services != null) {
            Instant now = clock.instant();
            List<MaintenanceService> gone = new ArrayList<>();
            for (MaintenanceService row : rows(w)) {
                if (services.stream().noneMatch(s -> s.id.equals(row.service.id))) {
                    if (row.shownSince != null) {
                        MaintenanceEvents.end(row, now); // no longer covered: its checked status back now
                    }
                    gone.add(row);
                }
            }
            w.services.removeAll(gone);
            for (Service s : services) {
                if (w.services.stream().noneMatch(row -> row.service.id.equals(s.id))) {
                    cover(w, s);
                }
            }
        }
        return done(w);
    }

    /** Ends the occurrence in progress now: its services get their checked status back at once. */
    @Transactional
    public MaintenanceView endNow(long id) {
        MaintenanceWindow w = lock(id);
        Instant now = clock.instant();
        if (Occurrences.of(w, MaintenanceSchedule.zone()).at(now).isEmpty()) {
            throw new Conflict("maintenance " + id + " is not in progress");
        }
        w.endedAt = now;
        for (MaintenanceService row : rows(w)) {
            if (row.shownSince != null) {
                MaintenanceEvents.end(row, now);
            }
        }
        return done(w);
    }

    @Transactional
    public void delete(long id) {
        MaintenanceWindow w = lock(id);
        Instant now = clock.instant();
        for (MaintenanceService row : rows(w)) {
            if (row.shownSince != null) {
                MaintenanceEvents.end(row, now);
            }
        }
        w.delete();
        schedule.invalidate();
        changed.fire(new WindowsChanged());
    }

    // ------------------------------------------------------------------ reads

    @Transactional
    public Optional<MaintenanceView> find(long id) {
        return MaintenanceWindow.<MaintenanceWindow>findByIdOptional(id)
                .map(w -> MaintenanceSchedule.view(w, MaintenanceSchedule.zone(), clock.instant()));
    }

    /** Every window, latest planned first: the admin list. */
    @Transactional
    public List<MaintenanceView> all(int limit) {
        ZoneId zone = MaintenanceSchedule.zone();
        Instant now = clock.instant();
        return MaintenanceWindow.<MaintenanceWindow>find("order by startsAt desc, id desc")
                .page(Page.ofSize(limit))
                .list()
                .stream()
                .map(w -> MaintenanceSchedule.view(w, zone, now))
                .toList();
    }

    // ------------------------------------------------------------------ helpers

    private MaintenanceView done(MaintenanceWindow w) {
        schedule.invalidate();
        changed.fire(new WindowsChanged());
        return MaintenanceSchedule.view(w, MaintenanceSchedule.zone(), clock.instant());
    }

    private static void cover(MaintenanceWindow w, Service s) {
        MaintenanceService row = new MaintenanceService();
        row.window = w;
        row.service = s;
        w.services.add(row);
    }

    /** The window's service rows, locked: the sweep skips them meanwhile. */
    private static List<MaintenanceService> rows(MaintenanceWindow w) {
        return MaintenanceService.<MaintenanceService>find("window = ?1 order by id", w)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    private static List<Service> services(Inputs inputs, List<String> slugs) {
        Map<String, Service> found = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        if (slugs != null) {
            for (String raw : slugs) {
                String slug = Inputs.trimToNull(raw);
                if (slug == null || found.containsKey(slug)) {
                    continue;
                }
                Service.findBySlug(slug).ifPresentOrElse(s -> found.put(slug, s), () -> unknown.add(slug));
            }
        }
        if (!unknown.isEmpty()) {
            inputs.error("services", "services: no service \"" + String.join("\", \"", unknown) + "\"");
        } else if (found.isEmpty()) {
            inputs.error("services", "services: name at least one service (its slug)");
        }
        return new ArrayList<>(found.values());
    }

    private static Instant required(Inputs inputs, String field, String text) {
        if (Inputs.trimToNull(text) == null) {
            inputs.error(field, field + " is required: an ISO-8601 time (2024-05-01T10:00:00Z)");
            return null;
        }
        return inputs.instant(field, text);
    }

    private static String repeat(Inputs inputs, String text) {
        if (text != null && text.trim().length() > REPEAT_MAX) {
            inputs.error("repeat", "repeat is longer than " + REPEAT_MAX + " characters");
            return null;
        }
        try {
            return Occurrences.normalise(text);
        } catch (IllegalArgumentException e) {
            inputs.error("repeat", "repeat \"" + text + "\": " + e.getMessage() + "; or leave it empty, or weekly");
            return null;
        }
    }

    private static void checkTimes(Inputs inputs, Instant start, Instant end) {
        if (start != null && end != null && !end.isAfter(start)) {
            inputs.error("end", "end must be after start");
        }
    }

    private static MaintenanceWindow lock(long id) {
        MaintenanceWindow w = MaintenanceWindow.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (w == null) {
            throw new NotFound("no maintenance " + id);
        }
        return w;
    }
}
