package org.vigie.board.incident.service;

import java.time.Instant;
import java.util.List;

import org.vigie.board.incident.Impact;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.ServiceImpact;

/**
 * An incident as pages, feeds and APIs read it, detached from the database: its affected services and its timeline,
 * oldest update first (a list may carry only the latest update).
 */
public record IncidentView(
        long id,
        String title,
        Impact impact,
        IncidentState state,
        boolean published,
        Instant createdAt,
        Instant resolvedAt,
        List<Affected> services,
        List<UpdateView> updates) {

    public record Affected(String slug, String name, ServiceImpact impact) {}

    public record UpdateView(long id, IncidentState state, String message, Instant at) {}

    public boolean open() {
        return state != IncidentState.RESOLVED;
    }

    /** The latest update; null only for an incident read before its first update was written. */
    public UpdateView latest() {
        return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }

    /** The timeline newest first, as pages show it. */
    public List<UpdateView> newestFirst() {
        return updates.reversed();
    }

    public String path() {
        return "/incidents/" + id;
    }
}
