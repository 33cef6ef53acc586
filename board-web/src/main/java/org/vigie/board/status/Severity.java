package org.vigie.board.status;

/** How bad a status is; the board ranks statuses by it (worst first), never by name. */
public enum Severity {
    NORMAL,
    WARNING,
    ERROR,
    CRITICAL
}
