package org.vigie.board.maintenance.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import org.vigie.board.maintenance.MaintenanceConfig;
import org.vigie.board.maintenance.MaintenanceState;
import org.vigie.board.maintenance.MaintenanceWindow;
import org.vigie.board.maintenance.Occurrences;
import org.vigie.board.settings.BoardSettings;

/**
 * Which services are in maintenance, read on the hot paths: the result store asks once per batch, the board once per
 * page. The windows that may still matter (repeating, or ended within the results' retention) are read at most once
 * per {@code vigie.maintenance.cache-for} and on every change made here; what is in progress is computed from the
 * clock against them.
 */
@ApplicationScoped
@Named("maintenanceSchedule")
public class MaintenanceSchedule {

    /** Results are kept 7 days: a late result is never older than that. */
    private static final Duration LOOK_BACK = Duration.ofDays(8);

    private record Window(MaintenanceView data, Occurrences occurrences) {}

    private record Snapshot(long readAtNanos, List<Window> windows, Map<Long, List<Window>> byService) {}

    private final MaintenanceConfig config;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public MaintenanceSchedule(MaintenanceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Forgets the windows read: the next question reads them again. */
    public void invalidate() {
        snapshot = null;
    }

    /** The services in a window in progress at {@code now}. */
    @Transactional
    public Set<Long> inMaintenance(Instant now) {
        Set<Long> ids = new HashSet<>();
        for (Window w : current().windows()) {
            if (w.occurrences().at(now).isPresent()) {
                w.data().services().forEach(s -> ids.add(s.id()));
            }
        }
        return ids;
    }

    /** A predicate for a batch: whether each (service, time) fell in one of its windows, over one snapshot. */
    @Transactional
    public Covered covered() {
        Snapshot s = current();
        return (serviceId, t) -> {
            List<Window> windows = s.byService().get(serviceId);
            return windows != null
                    && windows.stream().anyMatch(w -> w.occurrences().at(t).isPresent());
        };
    }

    @FunctionalInterface
    public interface Covered {
        boolean test(long serviceId, Instant t);
    }

    /** The windows in progress, then those starting within {@code vigie.maintenance.upcoming-within}, soonest first. */
    @Transactional
    public List<MaintenanceView> visible() {
        Instant now = clock.instant();
        Instant horizon = now.plus(config.upcomingWithin());
        List<MaintenanceView> inProgress = new ArrayList<>();
        List<MaintenanceView> upcoming = new ArrayList<>();
        for (Window w : current().windows()) {
            MaintenanceView v = view(w, now);
            if (v.inProgress()) {
                inProgress.add(v);
            } else if (v.state() == MaintenanceState.SCHEDULED && v.start().isBefore(horizon)) {
                upcoming.add(v);
            }
        }
        Comparator<MaintenanceView> order =
                Comparator.comparing(MaintenanceView::start).thenComparing(MaintenanceView::id);
        inProgress.sort(order);
        upcoming.sort(order);
        List<MaintenanceView> all = new ArrayList<>(inProgress);
        all.addAll(upcoming);
        return all;
    }

    /** The board's time zone, in which repeat rules run. */
    public static ZoneId zone() {
        BoardSettings settings = BoardSettings.current();
        try {
            return settings == null || settings.timeZone == null ? ZoneOffset.UTC : ZoneId.of(settings.timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** One window as of now, for pages that show a single one. */
    public static MaintenanceView view(MaintenanceWindow w, ZoneId zone, Instant now) {
        Occurrences occurrences = Occurrences.of(w, zone);
        return MaintenanceView.of(
                w.id,
                w.title,
                w.message,
                w.startsAt,
                w.endsAt,
                w.repeatRule,
                w.endedAt,
                w.services.stream()
                        .map(s -> new MaintenanceView.Affected(s.service.id, s.service.slug, s.service.name))
                        .toList(),
                occurrences,
                now);
    }

    private static MaintenanceView view(Window w, Instant now) {
        MaintenanceView d = w.data();
        return MaintenanceView.of(
                d.id(),
                d.title(),
                d.message(),
                d.startsAt(),
                d.endsAt(),
                d.repeat(),
                d.endedAt(),
                d.services(),
                w.occurrences(),
                now);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.readAtNanos() < config.cacheFor().toNanos()) {
            return s;
        }
        s = read();
        snapshot = s;
        return s;
    }

    private Snapshot read() {
        long readAt = System.nanoTime();
        Instant now = clock.instant();
        ZoneId zone = zone();
        List<MaintenanceWindow> rows = MaintenanceWindow.<MaintenanceWindow>find(
                        "select distinct w from MaintenanceWindow w left join fetch w.services ms"
                                + " left join fetch ms.service where w.repeatRule is not null or w.endsAt > ?1",
                        now.minus(LOOK_BACK))
                .list();
        List<Window> windows = new ArrayList<>();
        Map<Long, List<Window>> byService = new HashMap<>();
        for (MaintenanceWindow row : rows) {
            Occurrences occurrences;
            try {
                occurrences = Occurrences.of(row, zone);
            } catch (IllegalArgumentException e) {
                continue; // a rule checked when saved; never stored otherwise
            }
            Window w = new Window(view(row, zone, now), occurrences);
            windows.add(w);
            w.data()
                    .services()
                    .forEach(s -> byService
                            .computeIfAbsent(s.id(), k -> new ArrayList<>())
                            .add(w));
        }
        return new Snapshot(readAt, List.copyOf(windows), byService);
    }
}
