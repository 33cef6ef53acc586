package org.vigie.board.event;

import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Page;

/** An event as pages and the API show it. */
public record EventRow(long id, Instant at, String statusSlug, String statusName, String message, boolean informational,
        EventSource source) {

    /** A service's events, newest first; ids break ties between equal times. */
    public static List<EventRow> latest(long serviceId, int limit) {
        return Event.<Event>find("from Event e join fetch e.status where e.service.id = ?1 order by e.createdAt desc, e.id desc",
                serviceId).page(Page.ofSize(limit)).list().stream()
                .map(e -> new EventRow(e.id, e.createdAt, e.status.slug, e.status.name, e.message, e.informational, e.source))
                .toList();
    }
}
