package org.vigie.board.site.view;

import java.util.List;

import org.vigie.board.pool.service.PoolSummaries.PoolSummary;
import org.vigie.board.site.PublicBoard;

/** What a service page shows; {@code period} is null on the page of all events. */
public record ServicePage(
        ServiceLine service,
        GroupInfo group,
        String period,
        List<EventLine> events,
        int page,
        String newerUrl,
        String olderUrl,
        PublicBoard.Charts charts,
        String badgeUrl,
        List<PoolSummary> pools) {}
