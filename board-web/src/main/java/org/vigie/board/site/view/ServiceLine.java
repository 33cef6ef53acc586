package org.vigie.board.site.view;

import java.time.Instant;
import java.util.Locale;

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
        String lastReason) {

    /** This line with the status the service was in when the board's window opened. */
    public ServiceLine withStartStatus(Long statusId) {
        return new ServiceLine(
                id,
                slug,
                name,
                description,
                groupId,
                displayOrder,
                status,
                statusSince,
                checked,
                createdAt,
                statusId,
                currentEventId,
                lastCheckedAt,
                lastLatencyMillis,
                lastReason);
    }

    /** Whether a visitor's search names it: its name or slug contains {@code words}, given in lower case. */
    public boolean matches(String words) {
        return name.toLowerCase(Locale.ROOT).contains(words) || slug.contains(words);
    }
}
