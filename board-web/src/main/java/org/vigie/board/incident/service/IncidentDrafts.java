package org.vigie.board.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import org.vigie.board.incident.Incident;

/** The drafts waiting for an admin (the checks open them when a service goes Down): counted in the admin's menu. */
@ApplicationScoped
@Named("incidentDrafts")
public class IncidentDrafts {

    /** Drafts not resolved: one small indexed count per admin page. */
    @Transactional
    public int waiting() {
        return (int) Incident.count("published = false and resolvedAt is null");
    }
}
