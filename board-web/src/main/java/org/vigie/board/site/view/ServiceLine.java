package org.vigie.board.site.view;

import java.time.Instant;

/**
 * One service as the public side reads it, in one query for the whole board: its current status, last check,
 * and (for history) the status it was in when the window opened. Never its target.
 */
public record ServiceLine(
        long id,
        String slug,
        String name,
        String description,
        Long groupId,
        int displayOrder,
        StatusInfo status,
        Instant statusSince,
        boolean checked,
        Instant createdAt,
        Long startStatusId,
        Long currentEventId,
        Instant lastCheckedAt,
        Integer lastLatencyMillis,
        String lastReason) {}
