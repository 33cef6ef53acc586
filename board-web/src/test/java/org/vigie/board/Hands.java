package org.vigie.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand (UTC), for the beans that take the board's {@link Clock}. */
public final class Hands extends Clock {

    public volatile Instant now;

    public Hands(Instant start) {
        this.now = start;
    }

    /** From the moment the test starts. */
    public Hands() {
        this(Instant.now());
    }

    public void move(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
