package org.vigie.worker.task;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far this worker's clock is from the dispatcher's, estimated from the tasks themselves: the smallest delay
 * between a task's {@code issuedAt} and its arrival over the last {@value #WINDOW} tasks. Most tasks arrive within
 * milliseconds of being issued, so that minimum is the clock offset; a worker an hour ahead sees an hour.
 * <p>
 * Expiry is judged on the corrected time, so a worker whose clock is off neither throws away every task as expired
 * nor runs tasks that really are. The correction starts with the first task: waiting for more would let a worker an
 * hour ahead dead-letter its whole first prefetch as expired. One sample can overestimate (a task that waited), which
 * only lets a late task run; the window's minimum soon settles. The warning waits for {@value #ENOUGH} samples. The
 * broker expires tasks that wait in the queue by its own clock; this guards what waits in the worker.
 */
@ApplicationScoped
public class ClockOffset {

    static final int WINDOW = 256;
    static final int ENOUGH = 32;
    private static final Logger LOG = Logger.getLogger(ClockOffset.class);
    private static final long WARN_MILLIS = Duration.ofSeconds(5).toMillis();

    private final long[] delays = new long[WINDOW];
    private int count;
    private int next;
    private volatile long offsetMillis;
    private volatile long warnedAt;

    ClockOffset(MeterRegistry registry) {
        Gauge.builder("vigie.worker.clock.offset", this, c -> c.offsetMillis / 1000.0)
                .description("This worker's clock minus the dispatcher's, estimated from task arrivals (seconds)")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Records a task's arrival; returns the time it arrived at on the dispatcher's clock. */
    public synchronized Instant arrived(Instant issuedAt, Instant now) {
        delays[next] = Duration.between(issuedAt, now).toMillis();
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, delays[i]);
        }
        offsetMillis = min;
        if (count >= ENOUGH) {
            if (Math.abs(min) > WARN_MILLIS && now.toEpochMilli() - warnedAt > 60_000) {
                warnedAt = now.toEpochMilli();
                LOG.warnf(
                        "This worker's clock is about %d s off the dispatcher's: expiry is judged on the corrected "
                                + "time; fix the clock (NTP)",
                        min / 1000);
            }
        }
        return now.minusMillis(offsetMillis);
    }

    /** The current estimate, in milliseconds (0 until the first task arrived). */
    public long offsetMillis() {
        return offsetMillis;
    }
}
