package org.vigie.board.board;

import java.time.Instant;

import org.vigie.board.status.Severity;

/**
 * One service as the board shows it: its current status and its last check. Never its target, which only
 * admins see.
 */
public record ServiceRow(
        long id,
        String slug,
        String name,
        String description,
        String statusSlug,
        String statusName,
        Severity severity,
        String statusImage,
        Instant statusSince,
        boolean checked,
        Instant lastCheckedAt,
        Integer lastLatencyMillis,
        String lastReason) {
}
