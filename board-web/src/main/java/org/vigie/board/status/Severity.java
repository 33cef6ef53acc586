package org.vigie.board.status;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How bad a status is; the board ranks statuses by it (worst first), never by name. UNKNOWN (no fresh check result)
 * ranks above NORMAL, so that a group with an Unknown service is not shown as all up, and below WARNING, so that any
 * real trouble shows first; the uptime counts it neither up nor down.
 */
public enum Severity {
    NORMAL,
    UNKNOWN,
    WARNING,
    ERROR,
    CRITICAL;

    /** The names in order, for messages that list them. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
