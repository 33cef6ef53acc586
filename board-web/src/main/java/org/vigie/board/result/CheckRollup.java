package org.vigie.board.result;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.vigie.check.CheckResult;

/**
 * Counts of results per service and UTC day or hour, as the board's history and charts read them. Built in memory
 * per batch, then added to {@code check_daily} and {@code check_hourly} with one upsert per row.
 */
public final class CheckRollup {

    /** One row's totals. */
    public static final class Totals {
        public int checks;
        public int up;
        public int warning;
        public int down;
        public long latencySum;
        public int latencyMax;

        void add(CheckResult r) {
            checks++;
            switch (r.outcome()) {
                case UP -> up++;
                case WARNING -> warning++;
                case DOWN -> down++;
            }
            int latency = (int) Math.min(Integer.MAX_VALUE, r.latencyMillis());
            latencySum += latency;
            latencyMax = Math.max(latencyMax, latency);
        }
    }

    public record DayKey(long serviceId, LocalDate day) {}

    public record HourKey(long serviceId, Instant hour) {}

    public record PoolDayKey(long serviceId, String pool, LocalDate day) {}

    public final Map<DayKey, Totals> days = new HashMap<>();
    public final Map<HourKey, Totals> hours = new HashMap<>();

    /** Per pool too, for the services {@code perPool} names: those checked from several pools. */
    public final Map<PoolDayKey, Totals> poolDays = new HashMap<>();

    public static CheckRollup of(Collection<CheckResult> results) {
        return of(results, r -> false);
    }

    public static CheckRollup of(Collection<CheckResult> results, Predicate<CheckResult> perPool) {
        CheckRollup rollup = new CheckRollup();
        for (CheckResult r : results) {
            if (perPool.test(r)) {
                rollup.poolDays
                        .computeIfAbsent(
                                new PoolDayKey(
                                        r.serviceId(), r.pool(), LocalDate.ofInstant(r.finishedAt(), ZoneOffset.UTC)),
                                k -> new Totals())
                        .add(r);
            }
            rollup.days
                    .computeIfAbsent(
                            new DayKey(r.serviceId(), LocalDate.ofInstant(r.finishedAt(), ZoneOffset.UTC)),
                            k -> new Totals())
                    .add(r);
            rollup.hours
                    .computeIfAbsent(
                            new HourKey(r.serviceId(), r.finishedAt().truncatedTo(ChronoUnit.HOURS)), k -> new Totals())
                    .add(r);
        }
        return rollup;
    }
}
