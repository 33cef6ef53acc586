package org.vigie.board.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When a maintenance window happens: once, from its start to its end; weekly, at the same local time in the board's
 * time zone; or at each time of a 5-field UNIX cron expression (in the board's time zone) from its start on. Each
 * occurrence lasts as long as the first; "end now" cuts the occurrence it falls in. Pure: no database, no clock.
 */
public final class Occurrences {

    public static final String WEEKLY = "weekly";

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** One occurrence: from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Span(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    private final Instant startsAt;
    private final Duration length;
    private final boolean weekly;
    private final ExecutionTime cron;
    private final Instant endedAt;
    private final ZoneId zone;

    public Occurrences(Instant startsAt, Instant endsAt, String repeat, Instant endedAt, ZoneId zone) {
        this.startsAt = startsAt;
        this.length = Duration.between(startsAt, endsAt);
        this.weekly = WEEKLY.equals(repeat);
        this.cron = repeat == null || weekly ? null : cron(repeat);
        this.endedAt = endedAt;
        this.zone = zone;
    }

    public static Occurrences of(MaintenanceWindow w, ZoneId zone) {
        return new Occurrences(w.startsAt, w.endsAt, w.repeatRule, w.endedAt, zone);
    }

    /**
     * A repeat rule as stored: null for none, {@code weekly}, or the cron expression with single spaces.
     *
     * @throws IllegalArgumentException saying what is wrong with a cron expression
     */
    public static String normalise(String rule) {
        if (rule == null || rule.isBlank() || rule.trim().equalsIgnoreCase("none")) {
            return null;
        }
        String r = rule.trim().replaceAll("\\s+", " ");
        if (r.equalsIgnoreCase(WEEKLY)) {
            return WEEKLY;
        }
        cron(r);
        return r;
    }

    private static ExecutionTime cron(String rule) {
        if (rule.split(" ").length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday)");
        }
        try {
            return ExecutionTime.forCron(CRON.parse(rule).validate());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? "" : ": " + e.getMessage().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("not a valid cron expression" + why);
        }
    }

    public boolean repeats() {
        return weekly || cron != null;
    }

    /** The occurrence in progress at {@code t}, if any. */
    public Optional<Span> at(Instant t) {
        return latestStart(t).map(this::span).filter(s -> s.contains(t));
    }

    /** The first occurrence starting after {@code t}. */
    public Optional<Span> after(Instant t) {
        if (t.isBefore(startsAt) && !weekly && cron == null) {
            return Optional.of(span(startsAt));
        }
        if (weekly) {
            if (t.isBefore(startsAt)) {
                return Optional.of(span(startsAt));
            }
            ZonedDateTime first = startsAt.atZone(zone);
            long k = ChronoUnit.WEEKS.between(first, t.atZone(zone));
            ZonedDateTime next = first.plusWeeks(Math.max(0, k));
            while (!next.toInstant().isAfter(t)) {
                next = next.plusWeeks(1);
            }
            return Optional.of(span(next.toInstant()));
        }
        if (cron != null) {
            Instant from = t.isBefore(startsAt) ? startsAt.minusSeconds(1) : t;
            return cron.nextExecution(from.atZone(zone)).map(z -> span(z.toInstant()));
        }
        return Optional.empty();
    }

    /** The occurrence that started at {@code start}, cut by "end now" when it fell inside it. */
    public Span span(Instant start) {
        Instant end = start.plus(length);
        if (endedAt != null && !endedAt.isBefore(start) && endedAt.isBefore(end)) {
            end = endedAt;
        }
        return new Span(start, end);
    }

    /** The start of the latest occurrence at or before {@code t}. */
    private Optional<Instant> latestStart(Instant t) {
        if (t.isBefore(startsAt)) {
            return Optional.empty();
        }
        if (weekly) {
            ZonedDateTime first = startsAt.atZone(zone);
            long k = ChronoUnit.WEEKS.between(first, t.atZone(zone));
            ZonedDateTime s = first.plusWeeks(k);
            while (s.toInstant().isAfter(t) && k > 0) {
                s = first.plusWeeks(--k);
            }
            return Optional.of(s.toInstant());
        }
        if (cron != null) {
            // executions fall on whole minutes: strictly before the next whole second is at or before t
            ZonedDateTime probe =
                    t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
            return cron.lastExecution(probe).map(ZonedDateTime::toInstant).filter(s -> !s.isBefore(startsAt));
        }
        return Optional.of(startsAt);
    }
}
