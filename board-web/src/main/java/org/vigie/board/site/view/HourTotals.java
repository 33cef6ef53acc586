package org.vigie.board.site.view;

import java.time.Instant;

/** One {@code check_hourly} row (a UTC hour). */
public record HourTotals(Instant hour, int checks, int up, int warning, int down, long latencySum, int latencyMax) {

    public Double averageLatency() {
        return checks == 0 ? null : (double) latencySum / checks;
    }
}
