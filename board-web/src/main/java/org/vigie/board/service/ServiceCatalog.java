package org.vigie.board.service;

import static org.vigie.board.web.Inputs.trimToNull;

import java.time.Clock;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.vigie.board.group.Group;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;
import org.vigie.check.InvalidTargetException;
import org.vigie.check.Pools;
import org.vigie.check.Target;

/**
 * Adds, changes and removes services: validates what an admin sent, derives the slug, and keeps the service's
 * {@code check_schedules} row in step with its target, so the dispatcher picks the change up.
 */
@ApplicationScoped
public class ServiceCatalog {

    public static final int MIN_INTERVAL_SECONDS = 1;
    public static final int MAX_INTERVAL_SECONDS = 86_400;
    static final int NAME_MAX = 100;
    static final int TARGET_MAX = 2048;

    private final Clock clock;

    public ServiceCatalog(Clock clock) {
        this.clock = clock;
    }

    /**
     * What an admin sends, from JSON or a form; numbers may come as text. On create only the name is required;
     * on update a field left out (null) keeps its value, and an empty target or group removes it.
     *
     * @param group the slug of a group ({@code list} in stashboard's words)
     * @param order the position within the group on the board
     * @param interval seconds between checks
     * @param fullReasonsPublic a flag ({@code true}/{@code false}, {@code on}/{@code off}...): the public sees the checks'
     *     full reasons, which may name the target's addresses, host names and URLs; off by default
     * @param pools the pools of workers it is checked from, comma-separated ({@code eu-west, office-lan}); empty: the
     *     default pool
     * @param quorum how many pools must agree for Down or Warning, 1 to the number of pools; empty: a majority
     * @param incidents what the checks do about incidents when they turn it Down: {@code off}, {@code draft} or
     *     {@code publish}; empty: the board's default
     */
    public record ServiceInput(
            String name,
            String slug,
            String description,
            String group,
            String order,
            String target,
            String interval,
            String fullReasonsPublic,
            String pools,
            String quorum,
            String incidents) {}

    /**
     * Validates and stores a service. Everything is checked before anything is written, so a refusal leaves
     * nothing behind.
     *
     * @throws InvalidInput naming the fields that are wrong
     * @throws Conflict when the slug is taken
     */
    @Transactional
    public Service create(ServiceInput in) {
        Inputs inputs = new Inputs();
        String name = inputs.required("name", in.name(), NAME_MAX);
        String slug = inputs.newSlug(in.slug(), name);
        Service service = new Service();
        service.description = "";
        Runnable apply = fields(inputs, service, in);
        inputs.throwIfAny();
        if (Service.findBySlug(slug).isPresent()) {
            throw new Conflict("a service with slug \"" + slug + "\" already exists");
        }

        service.name = name;
        service.slug = slug;
        apply.run();
        service.createdAt = clock.instant();
        service.targetSince = service.target == null ? null : service.createdAt;
        service.persist();
        if (service.target != null) {
            CheckSchedule.dueNow(service.id, service.createdAt).persist(); // first check at the next dispatch pass
        }
        return service;
    }

    /**
     * Changes a service. Its slug is stable (it is in links and feeds). A new target is checked at the next
     * dispatch pass; removing the target removes the schedule; a new interval applies from the next check.
     */
    @Transactional
    public Service update(String slug, ServiceInput in) {
        Service service = Service.<Service>find("slug", slug)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> NotFound.slug("service", slug));
        Inputs inputs = new Inputs();
        inputs.sameSlug(in.slug(), service.slug, "it is in links, feeds and API clients");
        String name = in.name() == null ? service.name : inputs.required("name", in.name(), NAME_MAX);
        Runnable apply = fields(inputs, service, in);
        inputs.throwIfAny();

        String oldTarget = service.target;
        service.name = name;
        apply.run();
        if (!Objects.equals(oldTarget, service.target)) {
            service.targetSince = service.target == null ? null : clock.instant();
            reschedule(service.id, service.target);
        }
        return service;
    }

    /** Removes a service with its schedule, results, rollups and events (the database cascades). */
    @Transactional
    public void delete(String slug) {
        Service service = find(slug);
        CheckSchedule.delete("serviceId", service.id);
        service.delete();
    }

    /** "Check now": makes the service due at the next dispatch pass. */
    @Transactional
    public void checkNow(String slug) {
        Service service = find(slug);
        if (service.target == null) {
            throw new Conflict("service \"" + slug + "\" has no connection string: there is nothing to check");
        }
        CheckSchedule schedule = CheckSchedule.findById(service.id);
        if (schedule == null) {
            CheckSchedule.dueNow(service.id, clock.instant()).persist();
        } else {
            schedule.nextCheckAt = clock.instant();
        }
    }

    /**
     * Checks the fields create and update share (a field left out keeps its value) and returns what sets them,
     * to run once every field is right.
     */
    private static Runnable fields(Inputs inputs, Service s, ServiceInput in) {
        String description =
                in.description() == null ? s.description : inputs.optional("description", in.description(), 1000);
        Group group = in.group() == null ? s.group : group(inputs, in.group());
        Integer order = in.order() == null ? Integer.valueOf(s.displayOrder) : inputs.integer("order", in.order());
        int interval = in.interval() == null
                ? s.checkIntervalSeconds
                : interval(inputs, in.interval(), s.checkIntervalSeconds);
        String target = in.target() == null ? s.target : target(inputs, in.target());
        Boolean full = inputs.flag("fullReasonsPublic", in.fullReasonsPublic());
        boolean fullReasonsPublic = full == null ? s.fullReasonsPublic : full;
        String pools = in.pools() == null ? s.pools : pools(inputs, in.pools());
        Integer quorum = in.quorum() == null ? s.poolQuorum : quorum(inputs, in.quorum(), pools);
        IncidentsOnDown incidents = in.incidents() == null ? s.incidents : incidents(inputs, in.incidents());
        return () -> {
            s.incidents = incidents;
            s.pools = pools;
            s.poolQuorum = quorum;
            s.description = description == null ? "" : description;
            s.group = group;
            s.displayOrder = order == null ? 0 : order;
            s.checkIntervalSeconds = interval;
            s.target = target;
            s.fullReasonsPublic = fullReasonsPublic;
        };
    }

    private static Service find(String slug) {
        return Service.findBySlug(slug).orElseThrow(() -> NotFound.slug("service", slug));
    }

    private void reschedule(long serviceId, String target) {
        CheckSchedule schedule = CheckSchedule.findById(serviceId);
        if (target == null) {
            if (schedule != null) {
                schedule.delete();
            }
        } else if (schedule == null) {
            CheckSchedule.dueNow(serviceId, clock.instant()).persist();
        } else {
            schedule.nextCheckAt = clock.instant(); // a new target is checked at once
        }
    }

    private static Group group(Inputs inputs, String text) {
        String slug = trimToNull(text);
        if (slug == null) {
            return null;
        }
        return Group.findBySlug(slug).orElseGet(() -> {
            inputs.error("group", "group \"" + slug + "\" does not exist");
            return null;
        });
    }

    /** A comma-separated list of pool names, normalised; the field keeps its value when one is wrong. */
    private static String pools(Inputs inputs, String text) {
        try {
            return Pools.format(Pools.parseList(text));
        } catch (IllegalArgumentException e) {
            inputs.error("pools", "pools: " + e.getMessage());
            return Pools.DEFAULT;
        }
    }

    /** Empty: the board's default (null). Otherwise off, draft or publish. */
    private static IncidentsOnDown incidents(Inputs inputs, String text) {
        if (trimToNull(text) == null) {
            return null;
        }
        return IncidentsOnDown.of(text).orElseGet(() -> {
            inputs.error("incidents", "incidents \"" + text.trim() + "\" is not one of " + IncidentsOnDown.choices());
            return null;
        });
    }

    /** Empty: a majority (null). Otherwise 1 to the number of pools. */
    private static Integer quorum(Inputs inputs, String text, String pools) {
        if (trimToNull(text) == null) {
            return null;
        }
        Integer quorum = inputs.integer("quorum", text);
        int count = Pools.parseList(pools).size();
        if (quorum != null && (quorum < 1 || quorum > count)) {
            inputs.error("quorum", "quorum must be between 1 and " + count + ", the number of pools");
            return null;
        }
        return quorum;
    }

    private static int interval(Inputs inputs, String text, int fallback) {
        if (trimToNull(text) == null) {
            return fallback;
        }
        Integer interval = inputs.integer("interval", text);
        if (interval == null) {
            return fallback;
        }
        if (interval < MIN_INTERVAL_SECONDS || interval > MAX_INTERVAL_SECONDS) {
            inputs.error(
                    "interval",
                    "interval must be between " + MIN_INTERVAL_SECONDS + " and " + MAX_INTERVAL_SECONDS + " seconds");
        }
        return interval;
    }

    /** Null or blank: no target. Otherwise the shared parser must accept it; its message says what is wrong. */
    private static String target(Inputs inputs, String text) {
        String target = trimToNull(text);
        if (target != null && target.length() > TARGET_MAX) {
            // the column's size: a longer one would reach the database and fail there, a 500 instead of a 400
            inputs.error("target", "target is longer than " + TARGET_MAX + " characters");
        } else if (target != null) {
            try {
                Target.parse(target);
            } catch (InvalidTargetException e) {
                inputs.error("target", e.getMessage());
            }
        }
        return target;
    }
}
