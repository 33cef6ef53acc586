package org.vigie.board.event;

/** Who wrote an event: the checks, or an admin. */
public enum EventSource {
    CHECK,
    ADMIN
}
