package org.vigie.dispatch.schedule;

import java.time.Instant;

/**
 * Where in its interval each service is checked. A service's slot is fixed by its id (golden-ratio hashing), to the
 * millisecond, so 1,000 services with a 60 s interval make a steady ~17 tasks a second instead of a burst at the top
 * of the minute, and 30,000 every 10 s arrive as a stream through each second rather than 3,000 at its start (the
 * dispatcher's tick then takes a fraction of them each time); a service keeps its slot from one interval to the next.
 */
public final class Slots {

    /** frac(id × this) spreads consecutive ids evenly over [0, 1). */
    static final double GOLDEN_RATIO_FRACTION = 0.6180339887498949;

    private Slots() {}

    /** The millisecond within its interval ({@code 0 <= slot < interval × 1000}) at which the service is due. */
    public static long slotMillis(long serviceId, long intervalSeconds) {
        requirePositive(intervalSeconds);
        long intervalMillis = intervalSeconds * 1000;
        double x = serviceId * GOLDEN_RATIO_FRACTION;
        double fraction = x - Math.floor(x);
        long slot = (long) Math.floor(fraction * intervalMillis);
        // floating point can round fraction * interval up to interval itself
        return Math.min(slot, intervalMillis - 1);
    }

    /** The second within its interval ({@code 0 <= slot < interval}) at which the service is due. */
    public static long slot(long serviceId, long intervalSeconds) {
        return slotMillis(serviceId, intervalSeconds) / 1000;
    }

    /** How late a dispatch may run and still keep its service's next slot; later ones move to the following slot. */
    static final long MAX_GRACE_SECONDS = 5;

    /**
     * The service's next due time after a dispatch at {@code now}: its first slot (epoch millisecond mod interval ==
     * slot) at least {@code interval - grace} away, grace being min(interval/2, 5 s). A dispatch on its slot, or up
     * to the grace late, keeps the service's rhythm (next = slot + interval); a catch-up dispatch (a new service, a
     * dispatcher that was down) moves to a later slot, so two checks of one service are never less than
     * {@code interval - grace} apart, even when cron and a scheduler dispatch at nearly the same time. Always in
     * {@code [now + interval - grace, now + 2 × interval - grace)}, and strictly after {@code now}.
     */
    public static Instant next(long serviceId, long intervalSeconds, Instant now) {
        long slot = slotMillis(serviceId, intervalSeconds);
        long interval = intervalSeconds * 1000;
        long grace = grace(intervalSeconds) * 1000;
        long nowMillis = now.getEpochSecond() * 1000 + now.getNano() / 1_000_000;
        long ceilMillis = now.getNano() % 1_000_000 == 0 ? nowMillis : nowMillis + 1;
        long earliest = Math.max(nowMillis + 1, ceilMillis + interval - grace);
        long behind = Math.floorMod(earliest - slot, interval);
        return Instant.ofEpochMilli(behind == 0 ? earliest : earliest + interval - behind);
    }

    /** The lateness a dispatch may have and keep its slot: half the interval, at most {@link #MAX_GRACE_SECONDS}. */
    public static long grace(long intervalSeconds) {
        requirePositive(intervalSeconds);
        return Math.min(intervalSeconds / 2, MAX_GRACE_SECONDS);
    }

    private static void requirePositive(long intervalSeconds) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + intervalSeconds);
        }
    }
}
