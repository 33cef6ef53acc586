package org.vigie.dispatch.schedule;

import java.time.Instant;

/**
 * Where in its interval each service is checked. A service's slot is fixed by its id (golden-ratio hashing), so
 * 1,000 services with a 60 s interval make a steady ~17 tasks a second instead of a burst at the top of the minute,
 * and a service keeps its second from one interval to the next.
 */
public final class Slots {

    /** frac(id × this) spreads consecutive ids evenly over [0, 1). */
    static final double GOLDEN_RATIO_FRACTION = 0.6180339887498949;

    private Slots() {
    }

    /** The second within its interval ({@code 0 <= slot < interval}) at which the service is due. */
    public static long slot(long serviceId, long intervalSeconds) {
        requirePositive(intervalSeconds);
        double x = serviceId * GOLDEN_RATIO_FRACTION;
        double fraction = x - Math.floor(x);
        long slot = (long) Math.floor(fraction * intervalSeconds);
        // floating point can round fraction * interval up to interval itself
        return Math.min(slot, intervalSeconds - 1);
    }

    /**
     * The first whole second strictly after {@code now} that is the service's slot:
     * {@code epochSecond mod interval == slot}. Always in {@code (now, now + interval]}.
     */
    public static Instant next(long serviceId, long intervalSeconds, Instant now) {
        long slot = slot(serviceId, intervalSeconds);
        long candidate = now.getEpochSecond() + 1;
        long behind = Math.floorMod(candidate - slot, intervalSeconds);
        return Instant.ofEpochSecond(behind == 0 ? candidate : candidate + intervalSeconds - behind);
    }

    private static void requirePositive(long intervalSeconds) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + intervalSeconds);
        }
    }
}
