package org.vigie.board.site.history;

import java.time.Instant;

/** An event reduced to what the history needs. */
public record EventPoint(long serviceId, long statusId, Instant at, boolean informational) {}
