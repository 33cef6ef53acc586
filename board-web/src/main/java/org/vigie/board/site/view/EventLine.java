package org.vigie.board.site.view;

import java.time.Instant;

/** An event as the public pages, feeds and API show it, with its service's slug and name. */
public record EventLine(
        long id,
        long serviceId,
        String serviceSlug,
        String serviceName,
        StatusInfo status,
        String message,
        boolean informational,
        String source,
        Instant at) {}
